// The best and worst received sounds of the period, by approval (the mean vote on −1..1).
import { ThumbsDown, ThumbsUp } from "lucide-react";
import type { components } from "../../api/schema";
import { titleOf } from "./SoundVotesTable";

type SoundRow = components["schemas"]["SoundAnalyticsDto"];

function approval(s: SoundRow): string {
  const a = s.approval ?? 0;
  return `${a > 0 ? "+" : ""}${Math.round(a * 100)}%`;
}

function Ranked({ title, icon, sounds, id }: { title: string; icon: React.ReactNode; sounds: SoundRow[]; id: string }) {
  return (
    <div className="card stack-sm analytics-ranked">
      <h3 id={id}>
        {icon} {title}
      </h3>
      {sounds.length === 0 ? (
        <p className="small muted">No votes yet.</p>
      ) : (
        <ol aria-labelledby={id}>
          {sounds.map((s) => (
            <li key={s.soundId ?? s.mixId}>
              <span>{titleOf(s)}</span>{" "}
              <span className="small muted">
                {approval(s)} approval, {s.votes} {s.votes === 1 ? "vote" : "votes"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function RankedSounds({ top, bottom }: { top: SoundRow[]; bottom: SoundRow[] }) {
  return (
    <section aria-labelledby="analytics-ranked" className="stack-sm">
      <h2 id="analytics-ranked">Top and bottom sounds</h2>
      <div className="analytics-ranked-pair">
        <Ranked id="analytics-top" title="Top" icon={<ThumbsUp size={18} aria-hidden="true" />} sounds={top} />
        <Ranked id="analytics-bottom" title="Bottom" icon={<ThumbsDown size={18} aria-hidden="true" />} sounds={bottom} />
      </div>
    </section>
  );
}
