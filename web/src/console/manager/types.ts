// The manager pages' shapes, taken from the generated OpenAPI types by path (as ../../api/types.ts does).
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type FleetPage = Json<paths["/api/players/fleet"]["get"]["responses"][200]>;
export type FleetPlayer = NonNullable<FleetPage["items"]>[number];
export type ManagedPlayer = Json<paths["/api/players/{id}"]["get"]["responses"][200]>;
export type CreatedPlayer = Json<paths["/api/players"]["post"]["responses"][201]>;
export type PlayerQueue = Json<paths["/api/players/{id}/queue"]["get"]["responses"][200]>;
export type ExplainedItem = NonNullable<PlayerQueue["items"]>[number];
export type HistoryPage = Json<paths["/api/players/{id}/history"]["get"]["responses"][200]>;
export type HistoryItem = NonNullable<HistoryPage["items"]>[number];
export type PlayerLibrary = Json<paths["/api/players/{id}/library"]["get"]["responses"][200]>;
export type DeviceKey = Json<paths["/api/players/{id}/device-key"]["post"]["responses"][200]>;
