import { describe, expect, test } from "vitest";
import { explainWhy } from "./why";

const now = Date.parse("2026-12-03T12:00:00Z");
const base = { similarity: 0.9, penalty: 0, score: 0.9, listeners: 4, fallback: null, lastPlayedAt: null };
const fireRain = { rain: 0.6, wind: 0.1, fire: 0.7, thunder: 0, waves: 0.1 };

describe("explainWhy", () => {
  test("names the room's leaning axes and the listener count", () => {
    expect(explainWhy(base, fireRain, now)).toBe("The 4 listeners here lean to fire and rain; a close match.");
  });

  test("says when a recent play ranked the item lower", () => {
    const why = { ...base, penalty: 0.3, lastPlayedAt: "2026-12-03T11:20:00Z" };
    expect(explainWhy(why, fireRain, now)).toBe("The 4 listeners here lean to fire and rain; a close match; played 40 min ago, so ranked lower.");
  });

  test("names no lean when the room's taste is hidden (privacy rule)", () => {
    expect(explainWhy({ ...base, listeners: 2, similarity: 0.6 }, null, now)).toBe("Picked for the 2 listeners here; a fair match.");
  });

  test("describes the default fallback and an empty room", () => {
    expect(explainWhy({ ...base, listeners: 0, fallback: "default" }, null, now)).toMatch(/own default mood/);
    expect(explainWhy({ ...base, listeners: 0 }, null, now)).toMatch(/Nobody has checked in yet/);
    expect(explainWhy({ ...base, listeners: 1, fallback: "room" }, null, now)).toBe("The room's own mood, while the taste of the people here forms.");
  });

  test("a single listener is spoken of without a count", () => {
    expect(explainWhy({ ...base, listeners: 1, similarity: 0.2 }, null, now)).toBe("Picked for the listener here.");
  });
});
