import { fallbackLabel, score } from "./format";
import type { PlayerQueue } from "./types";

/**
 * The planned queue with the engine's reasons (DESIGN §4.4: score = similarity − penalty). When no taste is known the
 * engine explores (DESIGN §4.3): similarity means nothing there, so it shows "—" and the caption says what the order is.
 */
export function QueueTable({ queue }: { queue: PlayerQueue | null }) {
  const items = queue?.items ?? [];
  const exploring = items.length > 0 && items.every((item) => item.fallback === "explore");
  return (
    <section className="card stack" aria-labelledby="queue-title">
      <h2 id="queue-title">Queue</h2>
      {!queue && <p className="muted" role="status">Loading the queue…</p>}
      {queue && items.length === 0 && <p className="muted">Nothing is planned yet. The engine plans when the device is online.</p>}
      {queue && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="queue-table">
            <caption className="small muted">
              {exploring
                ? "Nobody here has a taste yet, so the engine is exploring: the sounds this room has heard least recently come first."
                : "Score is similarity to the room's taste minus the penalty for playing it recently."}
              {queue.plannedAt && <> Planned at <time dateTime={queue.plannedAt}>{new Date(queue.plannedAt).toLocaleTimeString()}</time>.</>}
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col" className="num">Similarity</th>
                <th scope="col" className="num">Penalty</th>
                <th scope="col" className="num">Score</th>
                <th scope="col" className="num">Listeners</th>
                <th scope="col">Taste from</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.queueItemId}>
                  <td>{(item.position ?? 0) + 1}</td>
                  <th scope="row">
                    {item.title}
                    {item.kind === "mix" && <span className="small muted"> (mix)</span>}
                  </th>
                  <td className="num">
                    {item.fallback === "explore" ? <><span aria-hidden="true">—</span><span className="visually-hidden">not applicable while exploring</span></> : score(item.similarity)}
                  </td>
                  <td className="num">{score(item.penalty)}</td>
                  <td className="num">{score(item.score)}</td>
                  <td className="num">{item.listeners ?? 0}</td>
                  <td>{fallbackLabel(item.fallback)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
