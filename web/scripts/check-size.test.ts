// The room page's JavaScript budget check, on a made-up build: what it counts, what it leaves out, and that it fails.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { BUDGET_BYTES, measure, roomPageChunks, type ManifestChunk } from "./check-size.mjs";

const script = resolve(__dirname, "check-size.mjs");

// The shape Vite writes: the entry imports a vendor chunk statically and two pages lazily; the QR encoder is lazy
// too, and the lazy analytics page shares a chart chunk that nothing static imports.
const manifest: Record<string, ManifestChunk> = {
  "index.html": { file: "assets/index.js", isEntry: true, imports: ["_vendor.js"], dynamicImports: ["src/Analytics.tsx", "node_modules/qrcode/lib/browser.js"] },
  "_vendor.js": { file: "assets/vendor.js" },
  "src/Analytics.tsx": { file: "assets/Analytics.js", isDynamicEntry: true, imports: ["index.html", "_chart.js"] },
  "_chart.js": { file: "assets/chart.js" },
  "node_modules/qrcode/lib/browser.js": { file: "assets/qr.js", isDynamicEntry: true, imports: ["index.html"] },
  "index.css": { file: "assets/index.css" },
};

/** A dist folder with the manifest above; each chunk holds random (incompressible) bytes of the given size. */
function dist(sizes: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), "check-size-"));
  mkdirSync(join(root, ".vite"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, ".vite/manifest.json"), JSON.stringify(manifest));
  for (const chunk of Object.values(manifest)) writeFileSync(join(root, chunk.file), randomBytes(sizes[chunk.file] ?? 1000));
  return root;
}

test("the room page's chunks are the entry, its static imports and the lazy QR encoder, not the other lazy pages", () => {
  expect(roomPageChunks(manifest).sort()).toEqual(["_vendor.js", "index.html", "node_modules/qrcode/lib/browser.js"]);
  expect(roomPageChunks(manifest, [])).toEqual(["index.html", "_vendor.js"]);
});

test("a lazy module the list names that the build does not have is an error, not a silent zero", () => {
  expect(() => roomPageChunks(manifest, ["src/Gone.tsx"])).toThrow(/src\/Gone.tsx/);
  expect(() => roomPageChunks({ "a.js": { file: "a.js" } })).toThrow(/no entry/);
});

test("the total counts gzipped bytes of the loaded JavaScript only, and lists the lazy pages apart", () => {
  const folder = dist({ "assets/index.js": 20_000, "assets/vendor.js": 10_000, "assets/qr.js": 5_000, "assets/Analytics.js": 80_000, "assets/chart.js": 90_000 });

  const { counted, notLoaded, total } = measure(folder);

  expect(counted.map((c) => c.file).sort()).toEqual(["assets/index.js", "assets/qr.js", "assets/vendor.js"]);
  expect(notLoaded.map((c) => c.file).sort()).toEqual(["assets/Analytics.js", "assets/chart.js"]);
  // Random bytes do not compress: gzip adds a little, never takes much away.
  expect(total).toBeGreaterThan(35_000);
  expect(total).toBeLessThan(36_000);
});

test("the build fails (exit 1) over the budget and passes under it, whatever the lazy pages weigh", () => {
  const under = dist({ "assets/index.js": 100_000, "assets/Analytics.js": 200_000 });
  const over = dist({ "assets/index.js": BUDGET_BYTES + 1_000 });

  expect(execFileSync(process.execPath, [script, under], { encoding: "utf8" })).toMatch(/room page JavaScript: .* kB gzipped \(budget 150 kB\)/);
  let status = 0;
  let stderr = "";
  try {
    execFileSync(process.execPath, [script, over], { stdio: "pipe" });
  } catch (e) {
    status = (e as { status: number }).status;
    stderr = String((e as { stderr: Buffer }).stderr);
  }
  expect(status).toBe(1);
  expect(stderr).toMatch(/over budget/);
});
