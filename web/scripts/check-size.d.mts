// Types for check-size.mjs (a plain Node script), for its test.
export const BUDGET_BYTES: number;
export const ROOM_PAGE_LAZY: string[];
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export function roomPageChunks(manifest: Record<string, ManifestChunk>, lazyOnRoomPage?: string[]): string[];
export function measure(dist: string, lazyOnRoomPage?: string[]): {
  counted: { file: string; bytes: number }[];
  notLoaded: { file: string; bytes: number }[];
  total: number;
};
