// The committed client types must be what openapi-typescript makes of the committed OpenAPI document today.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const web = resolve(__dirname, "..");

test("schema.d.ts is up to date with openapi.json (else run web/scripts/gen-api.sh)", () => {
  const out = join(mkdtempSync(join(tmpdir(), "schema-")), "schema.d.ts");
  execFileSync(process.execPath, [join(web, "node_modules/openapi-typescript/bin/cli.js"), join(web, "openapi.json"), "-o", out], { stdio: "pipe" });
  expect(readFileSync(join(web, "src/api/schema.d.ts"), "utf8")).toBe(readFileSync(out, "utf8"));
}, 30_000);
