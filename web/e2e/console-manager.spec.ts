// The manager's console in Chromium against the real API, database, engine and agent: a manager creates a player,
// prints its tag, a listener checks in through the tag's address, and the manager watches it happen live.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Page } from "@playwright/test";
import { capture, expect, expectAccessible, joinAsGuest, SCREENSHOTS, test } from "./fixtures";
import { psql, type Stack } from "./stack";

const DOCS_IMAGES = fileURLToPath(new URL("../../docs/images", import.meta.url));
const PASSWORD = "manager-console-1";

interface Account { userId: string; email: string; accessToken: string }

async function signUp(request: APIRequestContext, stack: Stack, name: string): Promise<Account> {
  const email = `${name}-${Date.now()}@example.com`;
  const response = await request.post(`${stack.apiUrl}/api/auth/signup`, { data: { email, password: PASSWORD, displayName: name } });
  expect(response.status()).toBe(201);
  const body = await response.json();
  return { userId: body.userId, email, accessToken: body.accessToken };
}

/** Managers are made by an admin (or the grant-role host command); here straight in the database, as the owner. */
function grantManager(account: Account): void {
  psql(`INSERT INTO roles (id, user_id, role) VALUES (gen_random_uuid(), '${account.userId}', 'manager')`);
}

async function signIn(page: Page, stack: Stack, account: Account, next: string): Promise<void> {
  await page.goto(`${stack.url}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function keepScreenshot(name: string): void {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  for (const size of ["phone", "desktop"]) copyFileSync(join(SCREENSHOTS, `${name}-${size}.png`), join(DOCS_IMAGES, `${name}-${size}.png`));
}

test("a manager creates a player and prints its tag; a listener checks in through it; the manager sees them arrive live with the re-planned queue", async ({ page, browser, request, stack }) => {
  test.setTimeout(480_000); // three pages checked by axe in two schemes and shot at three sizes: minutes on a busy machine
  const manager = await signUp(request, stack, "manager");
  grantManager(manager);
  await signIn(page, stack, manager, "/console/players");
  await expect(page.getByRole("heading", { name: "Players" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Players" })).toBeVisible();

  // A new player; the code field refuses a code another player (the demo room) already has, inline.
  const form = page.getByRole("region", { name: "New player" });
  await form.getByRole("textbox", { name: "Name" }).fill("Reading Room");
  await form.getByRole("textbox", { name: /Check-in code/ }).fill(stack.demoCode);
  await form.getByRole("button", { name: "Create player" }).click();
  await expect(form.getByRole("textbox", { name: /Check-in code/ })).toHaveAccessibleDescription(/Another player already uses this check-in code/);
  const code = `reading-${Date.now()}`;
  await form.getByRole("textbox", { name: /Check-in code/ }).fill(code);
  await form.getByRole("button", { name: "Create player" }).click();
  const deviceKey = (await page.getByTestId("device-key-value").textContent())?.trim() ?? "";
  expect(deviceKey.length).toBeGreaterThan(20);
  const row = page.getByTestId("fleet-row").filter({ hasText: "Reading Room" });
  await expect(row.getByTestId("fleet-status")).toHaveText("Offline");
  await expect(row).toContainText("never seen");

  // The device comes online with the key shown once (what the agent does with Agent__DeviceKey).
  const heartbeat = await request.post(`${stack.apiUrl}/api/device/heartbeat`, {
    headers: { Authorization: `Device ${deviceKey}` }, data: { status: "online" },
  });
  expect(heartbeat.ok()).toBe(true);
  await expect(row.getByTestId("fleet-status")).toHaveText("Online", { timeout: 35_000 }); // its room stream, or the 30 s re-read
  await page.getByRole("button", { name: "I have saved it" }).click();
  await capture(page, "console-fleet");
  keepScreenshot("console-fleet");

  // The tag sheet: the room's name, an SVG QR code and the address it carries, as text.
  await page.getByRole("link", { name: "Reading Room" }).click();
  const playerUrl = page.url();
  const playerId = playerUrl.split("/").pop()!;
  await page.getByRole("link", { name: "Tag sheet" }).click();
  await expect(page.getByRole("heading", { name: "Reading Room" })).toBeVisible();
  await expect(page.getByTestId("tag-qr").locator("svg")).toBeVisible();
  const tagUrl = (await page.getByTestId("tag-url").textContent())?.trim() ?? "";
  expect(tagUrl).toBe(`${stack.url}/p/${code}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Console" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByTestId("tag-qr")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await capture(page, "console-tag");
  keepScreenshot("console-tag");

  // The manager watches the player's page while a listener arrives.
  await page.goto(playerUrl);
  await expect(page.getByTestId("player-listeners")).toHaveText(/0 listeners/);
  await expect(page.getByTestId("player-status")).toHaveText("Online");

  const listenerContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const listener = await listenerContext.newPage();
  await joinAsGuest(listener, tagUrl);
  await expect(listener.getByRole("heading", { name: /Now playing in Reading Room/ })).toBeVisible();
  const arrived = Date.now();

  await expect(page.getByTestId("player-listeners")).toHaveText(/1 listener\b/, { timeout: 5_000 });
  test.info().annotations.push({ type: "manager-sees-arrival-ms", description: String(Date.now() - arrived) });
  // The engine re-plans for the one listener (ticks every second here); the table shows its reasons.
  const queue = page.getByTestId("queue-table");
  await expect(queue.locator("tbody tr").first()).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await queue.locator("tbody tr td:nth-child(6)").allTextContents()).some((t) => t.trim() === "1"), { timeout: 15_000 }).toBe(true);
  const firstRow = queue.locator("tbody tr").first();
  // Similarity is a number, except while the engine explores (no taste yet), where it means nothing and shows "—".
  const exploring = (await firstRow.locator("td").nth(5).textContent())?.trim() === "Exploring";
  await expect(firstRow.locator("td").nth(1)).toHaveText(exploring ? /^—/ : /^−?\d\.\d\d$/); // similarity
  await expect(firstRow.locator("td").nth(3)).toHaveText(/^−?\d\.\d\d$/); // score
  await expect(queue.getByRole("columnheader", { name: "Penalty" })).toBeVisible();
  await expect(queue.getByRole("columnheader", { name: "Taste from" })).toBeVisible();
  await capture(page, "console-player");
  keepScreenshot("console-player");

  // The listener's own token is refused every manager data call this page makes.
  const refused = await listener.evaluate(async (id) => {
    const session = JSON.parse(localStorage.getItem("soundscape.session") ?? "{}");
    const headers = { Authorization: `Bearer ${session.accessToken}` };
    const paths = ["/api/players/fleet", `/api/players/${id}`, `/api/players/${id}/queue`, `/api/players/${id}/history`, `/api/players/${id}/library`];
    const statuses: Record<string, number> = {};
    for (const path of paths) statuses[path] = (await fetch(path, { headers })).status;
    statuses["POST device-key"] = (await fetch(`/api/players/${id}/device-key`, { method: "POST", headers })).status;
    statuses["PATCH"] = (await fetch(`/api/players/${id}`, { method: "PATCH", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify({ name: "Mine now" }) })).status;
    return statuses;
  }, playerId);
  expect(Object.values(refused), JSON.stringify(refused)).toEqual(Array(7).fill(403));
  await listenerContext.close();
});

test("another manager gets 404 for this manager's player, and a listener is told the console's players are for managers", async ({ page, request, stack }) => {
  const owner = await signUp(request, stack, "owner");
  const other = await signUp(request, stack, "other");
  grantManager(owner);
  grantManager(other);
  const created = await request.post(`${stack.apiUrl}/api/players`, {
    headers: { Authorization: `Bearer ${owner.accessToken}` }, data: { name: "Owner's Lobby", checkinCode: `owner-${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;
  for (const path of [`/api/players/${id}`, `/api/players/${id}/queue`, `/api/players/${id}/history`, `/api/players/${id}/library`]) {
    const response = await request.get(`${stack.apiUrl}${path}`, { headers: { Authorization: `Bearer ${other.accessToken}` } });
    expect(response.status(), path).toBe(404);
  }
  await signIn(page, stack, other, `/console/players/${id}`);
  await expect(page.getByRole("alert")).toHaveText("There is no player here that you manage.");
  await expectAccessible(page);

  const plain = await signUp(request, stack, "plain");
  await page.getByRole("link", { name: "Me" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, stack, plain, "/console/players");
  await expect(page.getByRole("alert")).toContainText("Players are for managers");
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Players" })).toHaveCount(0);
  await expectAccessible(page);
});
