import type { RoomView } from "../api/types";
import { explainWhy } from "../lib/why";
import { KindPill } from "./NowPlaying";

export function UpNext({ room }: { room: RoomView }) {
  const next = room.next ?? [];
  return (
    <section className="card stack" aria-labelledby="next-title">
      <h2 id="next-title">Up next</h2>
      {next.length === 0 ? (
        <p className="muted">The room is choosing what comes next.</p>
      ) : (
        <ol className="list" data-testid="up-next">
          {next.map((item, i) => (
            <li key={`${item.id}-${i}`} className="list-item">
              <div className="sound-row">
                <strong data-testid="next-title">{item.title ?? "Untitled"}</strong>
                <KindPill kind={item.kind} />
              </div>
              <p className="small muted">
                <span className="visually-hidden">Why this: </span>
                {explainWhy(item.why, room.taste)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
