// The admin area's shapes, taken from the generated OpenAPI types so they follow the API.
import type { components } from "../../api/schema";

type S = components["schemas"];
export type Sound = S["SoundDto"];
export type SoundUsage = S["SoundUsageDto"];
export type Mix = S["MixDto"];
export type MixLayerInput = S["MixLayerInput"];
export type RoleAssignment = S["RoleAssignmentDto"];
