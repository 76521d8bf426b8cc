import { expect, test } from "vitest";
import { leadingAxes, movedAxes } from "./taste";

const zero = { rain: 0, wind: 0, fire: 0, thunder: 0, waves: 0 };

test("movedAxes lists the axes a vote moved, largest first, with their signed change", () => {
  const moved = movedAxes({ ...zero, rain: 0.3 }, { ...zero, rain: 0.25, fire: 0.2 });
  expect(moved.map((m) => m.axis)).toEqual(["fire", "rain"]);
  expect(moved[0].delta).toBeCloseTo(0.2);
  expect(moved[1].delta).toBeCloseTo(-0.05);
});

test("movedAxes ignores changes below the threshold and treats a missing taste as zero", () => {
  expect(movedAxes(zero, { ...zero, wind: 0.001 })).toEqual([]);
  expect(movedAxes(null, { ...zero, waves: 0.4 })).toEqual([{ axis: "waves", delta: 0.4 }]);
});

test("leadingAxes names the strongest axes and none for a near-zero taste", () => {
  expect(leadingAxes({ ...zero, thunder: 0.8, waves: 0.7, rain: 0.2 })).toEqual(["thunder", "waves"]);
  expect(leadingAxes({ ...zero, fire: 0.9, rain: 0.3 })).toEqual(["fire"]);
  expect(leadingAxes({ ...zero, fire: 0.01 })).toEqual([]);
});
