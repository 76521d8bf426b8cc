import { useEffect, useState } from "react";
import type { Taste } from "../../api/types";
import { Notice } from "../../components/Notice";
import { TasteBars } from "../../components/TasteBars";
import { AXIS_ICON } from "../../components/icons";
import { AXES, AXIS_LABEL, normalise, type Axis } from "../../lib/taste";
import type { Problem } from "../../lib/problem";

interface Props {
  embedding: Taste | null | undefined;
  calculated: Taste | null | undefined;
  overridden: boolean;
  /** Saves the override; resolves with the API's problem when it refused. */
  onOverride: (taste: Record<Axis, number>) => Promise<Problem | null>;
  onReset: () => Promise<Problem | null>;
}

/** The sound's embedding as five bars, an override by five sliders (0..1), and the way back to the calculated one. */
export function EmbeddingEditor({ embedding, calculated, overridden, onOverride, onReset }: Props) {
  const [draft, setDraft] = useState(() => normalise(embedding));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(normalise(embedding)), [embedding]);

  const allZero = AXES.every((a) => draft[a] === 0);
  const changed = AXES.some((a) => Math.abs(draft[a] - normalise(embedding)[a]) > 1e-9);
  const run = async (action: () => Promise<Problem | null>) => {
    setBusy(true);
    setProblem(await action());
    setBusy(false);
  };
  const fieldError = (axis: Axis) => problem?.fieldErrors[`embedding.${axis}`];

  return (
    <section className="card stack" aria-labelledby="embedding-heading">
      <div className="sound-row">
        <h2 id="embedding-heading">Embedding</h2>
        <span className="pill" data-testid="embedding-state">{overridden ? "Overridden by an admin" : "Calculated from the audio"}</span>
      </div>
      <TasteBars taste={embedding} label="Embedding that ranks" />
      {overridden && calculated && (
        <details>
          <summary className="small">The calculated embedding</summary>
          <TasteBars taste={calculated} label="Calculated embedding" />
        </details>
      )}
      <fieldset className="stack-sm slider-set">
        <legend>Override</legend>
        {AXES.map((axis) => {
          const Icon = AXIS_ICON[axis];
          const id = `override-${axis}`;
          return (
            <div key={axis} className="slider-row">
              <label htmlFor={id} className="axis-label"><Icon size={16} aria-hidden="true" /> {AXIS_LABEL[axis]}</label>
              <input
                id={id}
                type="range"
                min={0}
                max={1}
                step={0.01}
                value={draft[axis]}
                aria-invalid={fieldError(axis) ? true : undefined}
                onChange={(e) => setDraft({ ...draft, [axis]: Number(e.target.value) })}
              />
              <output htmlFor={id} className="bar-value">{draft[axis].toFixed(2)}</output>
              {fieldError(axis) && <span className="field-error">{fieldError(axis)!.join(" ")}</span>}
            </div>
          );
        })}
      </fieldset>
      {allZero && <p className="field-error">At least one axis must be above 0: an embedding needs a direction.</p>}
      {problem && !AXES.some((a) => fieldError(a)) && (
        <Notice tone="danger" role="alert"><p>{problem.fieldErrors.embedding?.join(" ") ?? problem.detail ?? problem.title}</p></Notice>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={busy || allZero || !changed} onClick={() => void run(() => onOverride(draft))}>
          Save override
        </button>
        <button type="button" className="btn" disabled={busy || !overridden} onClick={() => void run(onReset)}>
          Reset to calculated
        </button>
      </div>
    </section>
  );
}
