// Room analytics in the console against the real stack: a manager of the demo player sees a seeded week's figures,
// the taste chart and its table, and downloads the CSV; a listener is refused the same data calls.
import { readFileSync } from "node:fs";
import { capture, expect, test } from "./fixtures";
import { psql } from "./stack";

const PASSWORD = "analytics-e2e-1";

async function signUp(apiUrl: string, email: string): Promise<{ id: string; token: string }> {
  const r = await fetch(`${apiUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, displayName: email.split("@")[0] }),
  });
  expect(r.status, await r.clone().text()).toBe(201);
  const body = await r.json();
  return { id: body.userId, token: body.accessToken };
}

test("a manager sees a week of their room, its taste chart and a CSV; a listener is refused the analytics calls", async ({ page, stack }) => {
  const stamp = Date.now();
  const manager = await signUp(stack.apiUrl, `analytics-manager-${stamp}@example.com`);
  const listener = await signUp(stack.apiUrl, `analytics-listener-${stamp}@example.com`);
  psql(`INSERT INTO roles (id, user_id, role) VALUES (gen_random_uuid(), '${manager.id}', 'manager')`);
  psql(`UPDATE players SET manager_id = '${manager.id}' WHERE id = '${stack.playerId}'`);
  // Three days ago: 6 plays of one demo sound (10 minutes each, 3 listeners), 2 ratings of it, and the room's taste
  // recorded every hour for a day.
  const sound = psql("SELECT id FROM sounds ORDER BY title LIMIT 1");
  const title = psql(`SELECT title FROM sounds WHERE id = '${sound}'`);
  psql(`INSERT INTO play_history (id, player_id, sound_id, started_at, ended_at, listeners)
        SELECT gen_random_uuid(), '${stack.playerId}', '${sound}', t, t + interval '10 minutes', 3
        FROM generate_series(now() - interval '3 days', now() - interval '3 days' + interval '50 minutes', interval '10 minutes') t`);
  psql(`INSERT INTO votes (id, user_id, sound_id, player_id, kind, value, created_at) VALUES
        (gen_random_uuid(), '${listener.id}', '${sound}', '${stack.playerId}', 'rating', 5, now() - interval '3 days'),
        (gen_random_uuid(), '${manager.id}', '${sound}', '${stack.playerId}', 'rating', 4, now() - interval '3 days')`);
  psql(`INSERT INTO room_taste_history (player_id, planned_at, taste, listeners)
        SELECT '${stack.playerId}', now() - interval '4 days' + k * interval '1 hour',
               ('[' || (0.5 + 0.4 * sin(k / 4.0)) || ',0.2,' || (0.5 - 0.3 * cos(k / 5.0)) || ',0.1,0.4]')::vector, 3
        FROM generate_series(0, 24) k`);

  // The listener's own calls are refused by the API, whatever the page would show.
  for (const path of [`/api/players/${stack.playerId}/analytics`, `/api/players/${stack.playerId}/analytics.csv`]) {
    const r = await fetch(`${stack.apiUrl}${path}?from=${new Date(Date.now() - 7 * 864e5).toISOString()}&to=${new Date().toISOString()}`, {
      headers: { Authorization: `Bearer ${listener.token}` },
    });
    expect(r.status, path).toBe(403);
  }

  await page.goto(`${stack.url}/signin?next=%2Fconsole%2Fanalytics`);
  await page.getByLabel("E-mail").fill(`analytics-manager-${stamp}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Analytics" }).waitFor();
  await page.getByRole("link", { name: "Demo lobby" }).click();

  await expect(page.getByRole("heading", { name: /^Analytics: / })).toBeVisible();
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByText("Plays", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText(/^\d+$/);
  const plays = Number(await summary.getByText("Plays", { exact: true }).locator("xpath=following-sibling::dd").innerText());
  expect(plays).toBeGreaterThanOrEqual(6); // the seeded ones, and whatever the agent played since the stack started
  await expect(summary.getByText("Average rating").locator("xpath=following-sibling::dd")).toHaveText("4.5 / 5");
  await expect(page.getByRole("region", { name: "Votes per sound" }).getByRole("row", { name: new RegExp(title) })).toBeVisible();
  await expect(page.getByRole("list", { name: "Top" }).getByText(title)).toBeVisible();
  await expect(page.getByTestId("taste-chart").locator("canvas")).toBeVisible();
  await page.getByText(/The taste as a table/).click();
  await expect(page.getByRole("region", { name: "The room's taste over time, as a table" }).getByRole("row")).not.toHaveCount(0);

  // Keyboard: the period choices are a radio group reached with Tab and moved with the arrows.
  await page.getByRole("radio", { name: "Last 7 days" }).focus();
  const reload = page.waitForResponse((r) => r.url().includes("/analytics?"));
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Last 30 days" })).toBeChecked();
  expect((await reload).status()).toBe(200);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Sounds CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^analytics-sounds-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toBe("sound_id,mix_id,title,plays,listening_minutes,votes,ratings,average_rating,likes,dislikes,approval");
  expect(csv).toContain(sound);

  await capture(page, "console-analytics");
});
