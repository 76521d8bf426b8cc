import { Plus, Trash2 } from "lucide-react";
import { MAX_DELAY_SECONDS, MAX_LAYERS, volumeDb, type LayerDraft } from "./mixLimits";

export interface SoundOption {
  id: string;
  title: string;
}

interface Props {
  layers: LayerDraft[];
  sounds: SoundOption[];
  /** Field errors by the API's names: layers, layers[i].soundId, layers[i].volume, layers[i].delaySeconds. */
  errors: Record<string, string[]>;
  onChange: (layers: LayerDraft[]) => void;
}

let nextKey = 0;
export const newLayer = (soundId = ""): LayerDraft => ({ key: `layer-${++nextKey}`, soundId, volume: 0.8, loop: true, delaySeconds: 0 });

/** 1 to 16 layers, each a sound with its volume (shown in dB), loop and start delay. */
export function LayerEditor({ layers, sounds, errors, onChange }: Props) {
  const set = (i: number, change: Partial<LayerDraft>) => onChange(layers.map((l, j) => (j === i ? { ...l, ...change } : l)));
  return (
    <div className="stack-sm">
      <ol className="layer-list" aria-label="Layers">
        {layers.map((layer, i) => {
          const n = i + 1;
          const err = (f: string) => errors[`layers[${i}].${f}`];
          return (
            <li key={layer.key} className="layer" data-testid="layer">
              <fieldset className="layer-fields">
                <legend>Layer {n}</legend>
                <div className="field">
                  <label htmlFor={`${layer.key}-sound`}>Sound</label>
                  <select
                    id={`${layer.key}-sound`}
                    value={layer.soundId}
                    aria-invalid={err("soundId") ? true : undefined}
                    aria-describedby={err("soundId") ? `${layer.key}-sound-error` : undefined}
                    onChange={(e) => set(i, { soundId: e.target.value })}
                  >
                    <option value="">Choose a sound…</option>
                    {sounds.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
                  </select>
                  {err("soundId") && <span id={`${layer.key}-sound-error`} className="field-error">{err("soundId")!.join(" ")}</span>}
                </div>
                <div className="field">
                  <label htmlFor={`${layer.key}-volume`}>Volume <span className="muted" data-testid="volume-db">({volumeDb(layer.volume)})</span></label>
                  <input
                    id={`${layer.key}-volume`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={1}
                    step={0.01}
                    value={Number.isFinite(layer.volume) ? layer.volume : ""}
                    aria-invalid={err("volume") ? true : undefined}
                    aria-describedby={`${layer.key}-volume-hint${err("volume") ? ` ${layer.key}-volume-error` : ""}`}
                    onChange={(e) => set(i, { volume: e.target.value === "" ? NaN : Number(e.target.value) })}
                  />
                  <span id={`${layer.key}-volume-hint`} className="small muted">0 mutes; otherwise 0.0001 to 1.</span>
                  {err("volume") && <span id={`${layer.key}-volume-error`} className="field-error">{err("volume")!.join(" ")}</span>}
                </div>
                <div className="field">
                  <label htmlFor={`${layer.key}-delay`}>Delay (seconds)</label>
                  <input
                    id={`${layer.key}-delay`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={MAX_DELAY_SECONDS}
                    step={0.5}
                    value={Number.isFinite(layer.delaySeconds) ? layer.delaySeconds : ""}
                    aria-invalid={err("delaySeconds") ? true : undefined}
                    aria-describedby={err("delaySeconds") ? `${layer.key}-delay-error` : undefined}
                    onChange={(e) => set(i, { delaySeconds: e.target.value === "" ? NaN : Number(e.target.value) })}
                  />
                  {err("delaySeconds") && <span id={`${layer.key}-delay-error`} className="field-error">{err("delaySeconds")!.join(" ")}</span>}
                </div>
                <label className="check">
                  <input type="checkbox" checked={layer.loop} onChange={(e) => set(i, { loop: e.target.checked })} /> Loop
                </label>
                <button
                  type="button"
                  className="btn btn-quiet"
                  disabled={layers.length <= 1}
                  onClick={() => onChange(layers.filter((_, j) => j !== i))}
                >
                  <Trash2 size={16} aria-hidden="true" /> Remove layer {n}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {errors.layers && <p className="field-error" role="alert">{errors.layers.join(" ")}</p>}
      <div className="row">
        <button type="button" className="btn" disabled={layers.length >= MAX_LAYERS} onClick={() => onChange([...layers, newLayer()])}>
          <Plus size={16} aria-hidden="true" /> Add layer
        </button>
        <span className="small muted" data-testid="layer-count">{layers.length} of {MAX_LAYERS} layers</span>
      </div>
    </div>
  );
}
