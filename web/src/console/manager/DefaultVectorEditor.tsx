import { useState } from "react";
import { api } from "../../api/client";
import type { Taste } from "../../api/types";
import { AXIS_ICON } from "../../components/icons";
import { Notice } from "../../components/Notice";
import { useFormSubmit } from "../../hooks/useFormSubmit";
import { describe } from "../../lib/problem";
import { AXES, AXIS_LABEL, normalise, percent } from "../../lib/taste";
import type { ManagedPlayer } from "./types";

/**
 * The player's own mood, used while too few listeners are checked in (fallback "player_default"): five sliders
 * from 0 to 1. All zero means "no default" as far as the engine cares, so it explores instead.
 */
export function DefaultVectorEditor({ player, onSaved }: { player: ManagedPlayer; onSaved: (p: ManagedPlayer) => void }) {
  const [vector, setVector] = useState(() => normalise(player.defaultVector as Taste | null));
  const [saved, setSaved] = useState(false);
  const { busy, fieldErrors, formProblem, problem, onSubmit } = useFormSubmit(
    () => {
      setSaved(false);
      return api.PATCH("/api/players/{id}", { params: { path: { id: player.id! } }, body: { defaultVector: vector } });
    },
    (updated) => {
      setSaved(true);
      onSaved(updated);
    },
  );
  const errors = Object.entries(fieldErrors).filter(([k]) => k.startsWith("defaultVector")).flatMap(([, v]) => v);
  return (
    <section className="card stack" aria-labelledby="vector-title">
      <h2 id="vector-title">Default mood</h2>
      <p className="small muted">What the player leans to when too few listeners are here to plan from their taste.</p>
      <form className="stack" onSubmit={onSubmit}>
        <ul className="sliders">
          {AXES.map((axis) => {
            const Icon = AXIS_ICON[axis];
            const id = `vector-${axis}`;
            return (
              <li key={axis} className={`slider axis-${axis}`}>
                <label htmlFor={id}>
                  <Icon size={18} aria-hidden="true" /> {AXIS_LABEL[axis]}
                </label>
                <input
                  id={id}
                  type="range"
                  min={0}
                  max={1}
                  step={0.05}
                  value={vector[axis]}
                  aria-valuetext={percent(vector[axis])}
                  onChange={(e) => {
                    setSaved(false);
                    setVector((v) => ({ ...v, [axis]: Number(e.target.value) }));
                  }}
                />
                <output htmlFor={id}>{percent(vector[axis])}</output>
              </li>
            );
          })}
        </ul>
        {errors.length > 0 && <p className="field-error">{errors.join(" ")}</p>}
        {formProblem && <Notice tone="danger" role="alert"><p>{describe(formProblem)}</p></Notice>}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? "Saving…" : "Save mood"}</button>
          <span className="small muted" role="status">{saved && !problem ? "Saved." : ""}</span>
        </div>
      </form>
    </section>
  );
}
