// The admin side of the console (issue 13, "Admins") in Debian's Chromium against the real API, PostgreSQL and agent:
// uploads with per-file results, an embedding override and its reset, a preview over range requests, a listener's
// three-layer mix previewed with the Web Audio API, roles granted and revoked, and the wrong role refused.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { capture, expect, test } from "./fixtures";
import { psql, type Stack } from "./stack";

const PASSWORD = "correct horse battery";

interface Account { email: string; userId: string; accessToken: string; refreshToken: string }

async function signUp(stack: Stack, name: string): Promise<Account> {
  const email = `${name}-${Date.now()}@example.test`;
  const response = await fetch(`${stack.apiUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, displayName: name }),
  });
  expect(response.status, `sign-up of ${email}`).toBeLessThan(300);
  const tokens = await response.json();
  return { email, userId: tokens.userId, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

function makeAdmin(account: Account): void {
  psql(`INSERT INTO roles (id, user_id, role) VALUES (gen_random_uuid(), '${account.userId}', 'admin') ON CONFLICT DO NOTHING`);
}

/** Opens the app signed in as this account (the tokens where the app keeps them). */
async function signIn(page: Page, stack: Stack, account: Account): Promise<void> {
  await page.goto(`${stack.url}/`);
  await page.evaluate((a) => localStorage.setItem("soundscape.session", JSON.stringify({
    userId: a.userId, accessToken: a.accessToken, refreshToken: a.refreshToken, isAnonymous: false, expiresAt: Date.now() + 3_600_000,
  })), account);
}

function audioFiles(): { dir: string; rain: string; hum: string; notAudio: string } {
  const dir = mkdtempSync(join(tmpdir(), "console-admin-"));
  const rain = join(dir, "soft-rain.wav");
  const hum = join(dir, "low-hum.wav");
  execFileSync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", `anoisesrc=d=3:c=pink:a=0.3:seed=${Date.now() % 100000}`, "-ac", "1", "-ar", "22050", rain]);
  execFileSync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", `sine=f=${110 + (Date.now() % 50)}:d=4`, "-ac", "1", "-ar", "22050", hum]);
  const notAudio = join(dir, "meeting-notes.mp3");
  writeFileSync(notAudio, "these are notes, not a sound");
  return { dir, rain, hum, notAudio };
}

async function soundTotal(stack: Stack): Promise<number> {
  return (await (await fetch(`${stack.apiUrl}/api/sounds?pageSize=1`)).json()).total;
}

test("an admin uploads three files (one not audio), overrides an embedding, resets it, previews it and sees what a delete takes", async ({ page, stack }) => {
  const admin = await signUp(stack, "admin");
  makeAdmin(admin);
  const files = audioFiles();
  const before = await soundTotal(stack);
  await signIn(page, stack, admin);
  await page.goto(`${stack.url}/console/library`);
  await expect(page.getByRole("heading", { name: "Library", level: 1 })).toBeVisible();

  await page.getByLabel("Audio files to upload").setInputFiles([files.rain, files.notAudio, files.hum]);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(3);
  const failed = items.filter({ hasText: "meeting-notes.mp3" });
  await expect(failed).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(failed).toContainText("415");
  await expect(failed).toContainText("Not an audio file");
  for (const name of ["soft-rain.wav", "low-hum.wav"]) {
    const item = items.filter({ hasText: name });
    await expect(item).toHaveAttribute("data-state", "added", { timeout: 30_000 });
    await expect(item).not.toContainText("415");
  }
  expect(await soundTotal(stack)).toBe(before + 2);
  await capture(page, "console-library");

  // The same file again: a 409 on that file, linking the sound it duplicates.
  copyFileSync(files.rain, join(files.dir, "rain-again.wav"));
  await page.getByLabel("Audio files to upload").setInputFiles([join(files.dir, "rain-again.wav")]);
  const duplicate = items.filter({ hasText: "rain-again.wav" });
  await expect(duplicate).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(duplicate).toContainText("409");
  await duplicate.getByRole("link", { name: "Open the existing sound" }).click();

  // The sound's page: bars, an override by sliders, the reset.
  await expect(page.getByRole("heading", { name: "soft rain", level: 1 })).toBeVisible();
  const state = page.getByTestId("embedding-state");
  await expect(state).toHaveText("Calculated from the audio");
  for (const axis of ["Rain", "Wind", "Fire", "Waves"]) await page.getByLabel(axis, { exact: true }).fill("0");
  await page.getByLabel("Thunder", { exact: true }).fill("0.9");
  const patched = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/sounds/"));
  await page.getByRole("button", { name: "Save override" }).click();
  expect((await patched).status()).toBe(200);
  await expect(state).toHaveText("Overridden by an admin");
  await expect(page.getByRole("list", { name: "Embedding that ranks" })).toContainText("Thunder90%");
  const reset = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().endsWith("/embedding-override"));
  await page.getByRole("button", { name: "Reset to calculated" }).click();
  expect((await reset).status()).toBe(200);
  await expect(state).toHaveText("Calculated from the audio");
  await expect(page.getByRole("list", { name: "Embedding that ranks" })).not.toContainText("Thunder90%");

  // The preview: the element itself asks for ranges and loads the file's metadata.
  const audio = page.getByTestId("preview-audio");
  const ranged = page.waitForResponse((r) => r.url().includes("/audio") && r.status() === 206, { timeout: 15_000 }).catch(() => null);
  await page.reload();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const duration = await audio.evaluate((a: HTMLAudioElement) => a.duration);
  expect(duration).toBeGreaterThan(2.5);
  const rangeResponse = await ranged;
  test.info().annotations.push({ type: "preview-range-206", description: String(rangeResponse !== null) });
  await audio.evaluate((a: HTMLAudioElement) => { a.muted = true; return a.play(); });
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 }).toBeGreaterThan(0);

  // Delete asks first and says what goes.
  await page.getByRole("button", { name: "Delete this sound…" }).click();
  await expect(page.getByTestId("usage")).toContainText("0 queue items");
  await expect(page.getByRole("alertdialog")).toContainText("No mix uses it.");
  await capture(page, "console-sound");
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
});

test("a listener builds a three-layer mix, saves it and previews it with the Web Audio API", async ({ page, stack }) => {
  const listener = await signUp(stack, "mixer");
  await signIn(page, stack, listener);
  await page.goto(`${stack.url}/console`);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Mixes" }).click();
  await expect(page.getByRole("heading", { name: "Mixes", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Library" })).toHaveCount(0);

  await page.getByLabel("Name", { exact: true }).fill("Storm over the harbour");
  await page.getByRole("button", { name: "Add layer" }).click();
  await page.getByRole("button", { name: "Add layer" }).click();
  const layers = page.getByTestId("layer");
  await expect(layers).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    const select = layers.nth(i).getByLabel("Sound");
    const value = await select.locator("option").nth(i + 1).getAttribute("value");
    await select.selectOption(value!);
  }
  // A limit the API enforces, shown on the field before anything is sent.
  await layers.nth(1).getByLabel(/^Volume/).fill("0.00001");
  await page.getByRole("button", { name: "Create mix" }).click();
  await expect(layers.nth(1)).toContainText("volume must be 0 or between 0.0001");
  await layers.nth(1).getByLabel(/^Volume/).fill("0.5");
  await expect(layers.nth(1).getByTestId("volume-db")).toHaveText("(−6.0 dB)");
  await layers.nth(2).getByLabel("Delay (seconds)").fill("1.5");
  await layers.nth(2).getByRole("checkbox", { name: "Loop" }).uncheck();
  await page.getByRole("checkbox", { name: /Public/ }).check();
  const created = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/api/mixes"));
  await page.getByRole("button", { name: "Create mix" }).click();
  expect((await created).status()).toBe(201);
  await expect(page.getByText("Mix created.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Storm over the harbour" })).toBeVisible();

  // Each distinct sound is fetched whole and decoded first: long demo files take a while on a loaded machine.
  const preview = page.getByTestId("mix-preview");
  await page.getByRole("button", { name: "Preview in the browser" }).click();
  await expect(preview).toHaveAttribute("data-state", "playing", { timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Stop preview" })).toBeVisible();
  await capture(page, "console-mixes");
  await page.getByRole("button", { name: "Stop preview" }).click();
  await expect(preview).toHaveAttribute("data-state", "idle");
});

test("an admin grants and revokes a role by e-mail, and revoking their own admin role shows the API's 409", async ({ page, stack }) => {
  const admin = await signUp(stack, "roles-admin");
  makeAdmin(admin);
  const colleague = await signUp(stack, "colleague");
  await signIn(page, stack, admin);
  await page.goto(`${stack.url}/console/roles`);
  await expect(page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();

  await page.getByLabel("E-mail").fill("nobody-at-all@example.test");
  await page.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByRole("alert")).toContainText("Not found");

  await page.getByLabel("E-mail").fill(colleague.email);
  await page.getByLabel("Role", { exact: true }).selectOption("manager");
  await page.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is now a manager" })).toBeVisible();
  const colleagueRow = page.getByTestId("role-row").filter({ hasText: colleague.email });
  await expect(colleagueRow).toContainText("manager");
  await capture(page, "console-roles");

  await colleagueRow.getByRole("button", { name: /^Revoke manager/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "is no longer a manager" })).toBeVisible();
  await expect(colleagueRow).toHaveCount(0);

  const ownRow = page.getByTestId("role-row").filter({ hasText: admin.email });
  const refused = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes("/api/admin/roles/"));
  await ownRow.getByRole("button", { name: /^Revoke admin/ }).click();
  expect((await refused).status()).toBe(409);
  await expect(page.getByRole("alert")).toContainText("409");
  await expect(page.getByRole("alert")).toContainText("cannot revoke your own admin role");
  await expect(ownRow).toHaveCount(1);
});

test("a listener is refused the admin pages' data calls (403) and the pages say so", async ({ page, stack }) => {
  const listener = await signUp(stack, "plain");
  const sound = (await (await fetch(`${stack.apiUrl}/api/sounds?pageSize=1`)).json()).items[0].id as string;
  const auth = { Authorization: `Bearer ${listener.accessToken}` };
  const calls: [string, string][] = [
    ["GET", "/api/admin/roles"],
    ["POST", "/api/admin/roles"],
    ["GET", `/api/sounds/${sound}/usage`],
    ["DELETE", `/api/sounds/${sound}/embedding-override`],
    ["PATCH", `/api/sounds/${sound}`],
    ["DELETE", `/api/sounds/${sound}`],
    ["POST", "/api/sounds"],
  ];
  for (const [method, path] of calls) {
    const body = method === "GET" || method === "DELETE" ? undefined
      : path === "/api/sounds" ? new FormData() : JSON.stringify(path.includes("roles") ? { email: listener.email, role: "admin" } : { title: "mine" });
    const headers = body instanceof FormData || !body ? auth : { ...auth, "Content-Type": "application/json" };
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers, body });
    expect(response.status, `${method} ${path}`).toBe(403);
  }
  expect(psql(`SELECT count(*) FROM roles WHERE user_id = '${listener.userId}'`)).toBe("0");

  await signIn(page, stack, listener);
  await page.goto(`${stack.url}/console/roles`);
  await expect(page.getByRole("alert")).toContainText("Forbidden");
  await page.goto(`${stack.url}/console/library/${sound}`);
  await page.getByRole("button", { name: "Delete this sound…" }).click();
  await expect(page.getByRole("alert")).toContainText("Forbidden");
});
