// Fails the build when the JavaScript the room page (/p/:code) loads grows past the budget, gzipped.
// The room page is the entry (index.html), so its cost is the entry chunk plus every chunk it imports, statically or
// lazily (the room page loads its QR encoder lazily, but it does load it). Reads Vite's manifest (build.manifest).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const BUDGET_BYTES = 150 * 1000;
const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error("no entry chunk in dist/.vite/manifest.json");
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])]) visit(dep);
};
visit(entry);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  if (!file.endsWith(".js")) continue;
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`  ${file}: ${(gz / 1000).toFixed(1)} kB gzipped`);
}
const line = `room page JavaScript: ${(total / 1000).toFixed(1)} kB gzipped (budget ${BUDGET_BYTES / 1000} kB)`;
if (total > BUDGET_BYTES) {
  console.error(`${line}: over budget`);
  process.exit(1);
}
console.log(line);
