import type { Taste } from "../api/types";

export const AXES = ["rain", "wind", "fire", "thunder", "waves"] as const;
export type Axis = (typeof AXES)[number];

export const AXIS_LABEL: Record<Axis, string> = {
  rain: "Rain",
  wind: "Wind",
  fire: "Fire",
  thunder: "Thunder",
  waves: "Waves",
};

export const zeroTaste = (): Record<Axis, number> => ({ rain: 0, wind: 0, fire: 0, thunder: 0, waves: 0 });

export function normalise(taste: Taste | null | undefined): Record<Axis, number> {
  const t = zeroTaste();
  for (const axis of AXES) t[axis] = clamp01(taste?.[axis] ?? 0);
  return t;
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

export interface AxisMove {
  axis: Axis;
  delta: number;
}

/**
 * Axes that changed by at least `threshold`, largest change first. Compared on the model's own values (a taste axis
 * can be below zero after dislikes), not on the clamped 0..1 the bars draw: a move from -0.4 to -0.1 is a move. A
 * missing taste is zero, so a first vote from zero lists every axis the sound has.
 */
export function movedAxes(before: Taste | null | undefined, after: Taste | null | undefined, threshold = 0.005): AxisMove[] {
  const b = raw(before);
  const a = raw(after);
  return AXES.map((axis) => ({ axis, delta: a[axis] - b[axis] }))
    .filter((m) => Math.abs(m.delta) >= threshold)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
}

/** True when every axis is (near) zero: a guest's taste before the first vote that moved it. */
export const isZeroTaste = (taste: Taste | null | undefined) => AXES.every((axis) => Math.abs(raw(taste)[axis]) < 1e-9);

function raw(taste: Taste | null | undefined): Record<Axis, number> {
  const t = zeroTaste();
  for (const axis of AXES) {
    const v = taste?.[axis] ?? 0;
    t[axis] = Number.isFinite(v) ? v : 0;
  }
  return t;
}

/** The axes that stand out: the strongest, plus any within 75% of it; none when the taste is (near) zero. */
export function leadingAxes(taste: Taste | null | undefined, max = 2): Axis[] {
  const t = normalise(taste);
  const sorted = [...AXES].sort((x, y) => t[y] - t[x]);
  const top = t[sorted[0]];
  if (top < 0.05) return [];
  return sorted.filter((axis) => t[axis] >= top * 0.75).slice(0, max);
}

export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export const percent = (v: number) => `${Math.round(clamp01(v) * 100)}%`;
