// Fails the build when the JavaScript the room page (/p/:code) loads grows past the budget, gzipped.
//
// What the room page loads: the entry chunk (index.html's script) and every chunk it imports statically, followed
// through their own static imports, plus the lazy chunks the room page itself asks for when it shows (ShareRoom's QR
// encoder). The other lazy chunks (the console's analytics pages) load only on their own routes, so they are listed
// but not counted. Reads Vite's manifest (build.manifest).
//
//   node scripts/check-size.mjs [dist-folder]     (default: web/dist; exit 1 when over the budget)
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 150 * 1000;

/** Source modules the room page imports lazily and always shows (manifest keys): src/components/ShareRoom.tsx. */
export const ROOM_PAGE_LAZY = ["node_modules/qrcode/lib/browser.js"];

/**
 * The manifest keys of the chunks the room page loads: the entry, its static imports (transitively), and the listed
 * lazy modules with their static imports. Throws when there is no entry, or a listed lazy module is not in the
 * manifest (it was renamed or is no longer lazy: the list must be looked at again, not silently skipped).
 */
export function roomPageChunks(manifest, lazyOnRoomPage = ROOM_PAGE_LAZY) {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error("no entry chunk in the manifest");
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    if (!manifest[key]) throw new Error(`the manifest has no chunk "${key}"`);
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  visit(entry);
  for (const key of lazyOnRoomPage) {
    if (!manifest[key]) throw new Error(`"${key}" (lazily loaded by the room page) is not a chunk of this build: update ROOM_PAGE_LAZY`);
    visit(key);
  }
  return [...seen];
}

/** Gzipped bytes (level 9) of each JavaScript chunk the room page loads, and of the lazy chunks it does not load. */
export function measure(dist, lazyOnRoomPage = ROOM_PAGE_LAZY) {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
  const gz = (key) => gzipSync(readFileSync(join(dist, manifest[key].file)), { level: 9 }).length;
  const isJs = (key) => manifest[key].file.endsWith(".js");
  const loaded = roomPageChunks(manifest, lazyOnRoomPage).filter(isJs);
  const counted = loaded.map((key) => ({ file: manifest[key].file, bytes: gz(key) }));
  const notLoaded = Object.keys(manifest).filter((k) => isJs(k) && !loaded.includes(k)).map((key) => ({ file: manifest[key].file, bytes: gz(key) }));
  return { counted, notLoaded, total: counted.reduce((sum, c) => sum + c.bytes, 0) };
}

function main() {
  const dist = resolve(process.argv[2] ?? fileURLToPath(new URL("../dist/", import.meta.url)));
  const { counted, notLoaded, total } = measure(dist);
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  for (const c of counted) console.log(`  ${c.file}: ${kb(c.bytes)} gzipped`);
  for (const c of notLoaded) console.log(`  (not loaded by the room page) ${c.file}: ${kb(c.bytes)} gzipped`);
  const line = `room page JavaScript: ${kb(total)} gzipped (budget ${BUDGET_BYTES / 1000} kB)`;
  if (total > BUDGET_BYTES) {
    console.error(`${line}: over budget`);
    process.exit(1);
  }
  console.log(line);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
