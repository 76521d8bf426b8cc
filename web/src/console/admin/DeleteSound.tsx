import { useState } from "react";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import { TriangleAlert } from "../../components/icons";
import { describe, toProblem } from "../../lib/problem";
import type { SoundUsage } from "./types";

/** Delete, after a confirmation that says what goes with the sound (from GET /api/sounds/{id}/usage). */
export function DeleteSound({ soundId, title, onDeleted }: { soundId: string; title: string; onDeleted: () => void }) {
  const [usage, setUsage] = useState<SoundUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setBusy(true);
    const { data, error: e, response } = await api.GET("/api/sounds/{id}/usage", { params: { path: { id: soundId } } });
    setBusy(false);
    if (data) { setUsage(data); setError(null); } else setError(describe(toProblem(e, response)));
  };
  const confirm = async () => {
    setBusy(true);
    const { error: e, response } = await api.DELETE("/api/sounds/{id}", { params: { path: { id: soundId } } });
    setBusy(false);
    if (response.ok) onDeleted();
    else setError(describe(toProblem(e, response)));
  };

  return (
    <section className="card stack" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      {!usage && <button type="button" className="btn" disabled={busy} onClick={() => void ask()}>Delete this sound…</button>}
      {usage && (
        <div role="alertdialog" aria-labelledby="delete-confirm-title" aria-describedby="delete-confirm-body" className="stack-sm confirm">
          <p id="delete-confirm-title" className="row"><TriangleAlert size={18} aria-hidden="true" /> <strong>Delete “{title}” for good?</strong></p>
          <div id="delete-confirm-body" className="stack-sm">
            <p>This also removes:</p>
            <ul data-testid="usage">
              <li>{count(usage.queueItems, "queue item")} in players’ queues</li>
              <li>{count(usage.playHistory, "play")} in players’ history</li>
              <li>{count(usage.votes, "vote")}</li>
              <li>{count(usage.playerLibraries, "player library entry", "player library entries")}</li>
            </ul>
            <p>{usage.mixLayers ? `${count(usage.mixLayers, "mix layer")} in ${count(usage.mixes, "mix", "mixes")} will fall silent.` : "No mix uses it."}</p>
          </div>
          <div className="row">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void confirm()}>Delete sound</button>
            <button type="button" className="btn" onClick={() => setUsage(null)}>Keep it</button>
          </div>
        </div>
      )}
      {error && <Notice tone="danger" role="alert"><p>{error}</p></Notice>}
    </section>
  );
}

const count = (n: number | undefined, one: string, many = `${one}s`) => `${n ?? 0} ${(n ?? 0) === 1 ? one : many}`;
