import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Stack } from "./stack";

export const SCREENSHOTS = fileURLToPath(new URL("../test-results/screenshots", import.meta.url));
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 860 } } as const;

export const test = base.extend<object, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = new Stack();
      await stack.start();
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});
export { expect };

/** axe-core on the page as it is, in light and dark: no serious or critical violations. */
export async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${colorScheme}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(bad, "axe-core serious/critical violations").toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Checks the page with axe and saves it at phone and desktop size (and dark at phone size). */
export async function capture(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true, animations: "disabled" });
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize(SIZES.phone);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone-dark.png`), fullPage: true, animations: "disabled" });
  await page.emulateMedia({ colorScheme: "light" });
  if (original) await page.setViewportSize(original);
}

export async function joinAsGuest(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("button", { name: "Join as guest" }).click();
  await expect(page.getByRole("heading", { name: /Now playing in/ })).toBeVisible();
  await expect(page.getByTestId("listeners")).toBeVisible();
}

export async function listenerCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("listeners").textContent()) ?? "";
  return Number(/(\d+) listener/.exec(text)?.[1] ?? NaN);
}
