// The API's mix limits (Domain MixLayer / Mix), checked in the browser before a save so the editor can say why.
export const MAX_LAYERS = 16;
export const MIN_AUDIBLE_VOLUME = 0.0001;
export const MAX_DELAY_SECONDS = 3600;
export const MAX_NAME_LENGTH = 120;

export interface LayerDraft {
  key: string;
  soundId: string;
  /** Linear gain: 0 (muted) or 0.0001..1. */
  volume: number;
  loop: boolean;
  delaySeconds: number;
}

export const isValidVolume = (v: number) => Number.isFinite(v) && (v === 0 || (v >= MIN_AUDIBLE_VOLUME && v <= 1));
export const isValidDelay = (d: number) => Number.isFinite(d) && d >= 0 && d <= MAX_DELAY_SECONDS;

/** "−6.0 dB" for a gain; "muted" for 0. */
export function volumeDb(volume: number): string {
  if (!Number.isFinite(volume) || volume <= 0) return "muted";
  const db = 20 * Math.log10(volume);
  return `${db <= -0.05 ? "−" : ""}${Math.abs(db).toFixed(1)} dB`;
}

/** Errors by the API's field names (name, layers, layers[i].soundId|volume|delaySeconds). */
export function validateMix(name: string, layers: LayerDraft[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!name.trim()) errors.name = ["name must not be empty."];
  else if (name.trim().length > MAX_NAME_LENGTH) errors.name = [`name must be at most ${MAX_NAME_LENGTH} characters.`];
  if (layers.length < 1 || layers.length > MAX_LAYERS) errors.layers = [`A mix has 1 to ${MAX_LAYERS} layers.`];
  layers.forEach((l, i) => {
    if (!l.soundId) errors[`layers[${i}].soundId`] = ["Choose a sound."];
    if (!isValidVolume(l.volume)) errors[`layers[${i}].volume`] = ["volume must be 0 or between 0.0001 (−80 dBFS) and 1."];
    if (!isValidDelay(l.delaySeconds)) errors[`layers[${i}].delaySeconds`] = ["delaySeconds must be between 0 and 3600 (one hour)."];
  });
  return errors;
}

/** As the device plays it: the longest non-looping layer (duration + delay); when all loop, one pass of every layer. */
export function mixDuration(layers: { loop: boolean; delaySeconds: number; durationSeconds: number }[]): number {
  const finite = layers.filter((l) => !l.loop);
  const counted = finite.length ? finite : layers;
  return counted.reduce((max, l) => Math.max(max, l.durationSeconds + l.delaySeconds), 0);
}
