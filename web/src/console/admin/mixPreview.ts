// A browser preview of a mix with the Web Audio API, layered as the player agent layers it: one
// AudioBufferSourceNode per layer through its own GainNode, looping layers looped, each started at start + delay,
// and everything stopped when the mix ends (mixDuration) or when the person stops it.
import { mixDuration } from "./mixLimits";

export interface PreviewLayer {
  soundId: string;
  volume: number;
  loop: boolean;
  delaySeconds: number;
}

export interface MixPreview {
  context: AudioContext;
  /** Seconds the mix lasts, as scheduled. */
  duration: number;
  stop: () => void;
  /** Resolves when the preview ended by itself or was stopped. */
  ended: Promise<void>;
}

/** Fetches and decodes each distinct sound once (the audio is public: no token), then schedules every layer. */
export async function startMixPreview(layers: PreviewLayer[], audioUrl = (id: string) => `/api/sounds/${id}/audio`): Promise<MixPreview> {
  const context = new AudioContext();
  // Created inside the click that asked for it, but a browser may still start it suspended.
  if (context.state === "suspended") await context.resume();
  const buffers = new Map<string, AudioBuffer>();
  try {
    for (const id of new Set(layers.map((l) => l.soundId))) {
      const response = await fetch(audioUrl(id));
      if (!response.ok) throw new Error(`The audio of a layer could not be loaded (${response.status}).`);
      buffers.set(id, await context.decodeAudioData(await response.arrayBuffer()));
    }
  } catch (e) {
    void context.close();
    throw e;
  }
  const start = context.currentTime + 0.1;
  const duration = mixDuration(layers.map((l) => ({ ...l, durationSeconds: buffers.get(l.soundId)!.duration })));
  const sources = layers.map((layer) => {
    const source = context.createBufferSource();
    source.buffer = buffers.get(layer.soundId)!;
    source.loop = layer.loop;
    const gain = context.createGain();
    gain.gain.value = layer.volume;
    source.connect(gain).connect(context.destination);
    source.start(start + layer.delaySeconds);
    source.stop(start + duration);
    return source;
  });
  let finish: () => void = () => {};
  const ended = new Promise<void>((resolve) => { finish = resolve; });
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    for (const s of sources) {
      try { s.stop(); } catch { /* already stopped */ }
    }
    void context.close();
    finish();
  };
  // The last source to end ends the preview.
  let remaining = sources.length;
  for (const s of sources) s.onended = () => { if (--remaining === 0) stop(); };
  return { context, duration, stop, ended };
}
