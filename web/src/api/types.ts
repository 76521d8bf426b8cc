// Shapes taken from the generated OpenAPI types by path, so they follow the API without hand-written copies.
import type { paths } from "./schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type RoomView = Json<paths["/api/players/{id}/now"]["get"]["responses"][200]>;
export type RoomSummary = Json<paths["/api/rooms/{checkinCode}"]["get"]["responses"][200]>;
export type AuthTokens = Json<paths["/api/auth/token"]["post"]["responses"][200]>;
export type Profile = Json<paths["/api/me"]["get"]["responses"][200]>;
export type VotePage = Json<paths["/api/me/votes"]["get"]["responses"][200]>;
export type VoteRequest = NonNullable<paths["/api/votes"]["post"]["requestBody"]>["content"]["application/json"];
export type VoteResult = Json<paths["/api/votes"]["post"]["responses"][201]>;
export type SoundPage = Json<paths["/api/sounds"]["get"]["responses"][200]>;
export type Taste = NonNullable<Profile["tasteVector"]>;
export type NextItem = NonNullable<RoomView["next"]>[number];
export type Why = NonNullable<NextItem["why"]>;
