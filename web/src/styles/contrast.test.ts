// WCAG 2.2 contrast of the colour tokens, in both schemes: 4.5:1 for text, 3:1 for bars, borders and focus rings.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";

const css = readFileSync(resolve(__dirname, "tokens.css"), "utf8");
const dark = css.slice(css.indexOf("@media (prefers-color-scheme: dark)"));
const light = css.slice(0, css.indexOf("@media (prefers-color-scheme: dark)"));

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT: [string, string][] = [
  ["color-text", "color-bg"], ["color-text", "color-surface"], ["color-text", "color-surface-2"],
  ["color-muted", "color-bg"], ["color-muted", "color-surface"], ["color-muted", "color-surface-2"],
  ["color-accent", "color-bg"], ["color-accent", "color-surface"], ["color-on-accent", "color-accent"],
  ["color-on-accent", "color-accent-hover"], ["color-danger", "color-danger-bg"], ["color-danger", "color-surface"],
  ["color-warn-text", "color-warn-bg"], ["color-bg", "color-text"],
];
const GRAPHICS: [string, string][] = [
  ["color-focus", "color-bg"], ["color-focus", "color-surface"], ["color-border", "color-surface"], ["color-border", "color-bg"],
  ...["rain", "wind", "fire", "thunder", "waves"].flatMap((a): [string, string][] => [[`axis-${a}`, "color-surface-2"], [`axis-${a}`, "color-surface"]]),
];

test("the contrast formula gives the known black-on-white ratio", () => {
  expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
  expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
});

describe.each([["light", { ...tokens(light) }], ["dark", { ...tokens(light), ...tokens(dark) }]])("%s scheme", (_, t) => {
  test.each(TEXT)("text %s on %s is at least 4.5:1", (fg, bg) => {
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(4.5);
  });
  test.each(GRAPHICS)("graphic %s on %s is at least 3:1", (fg, bg) => {
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(3);
  });
});
