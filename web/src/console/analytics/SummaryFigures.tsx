// The period's headline numbers, as a definition list (each figure with its name for screen readers).
import type { components } from "../../api/schema";

type Summary = components["schemas"]["RoomSummaryDto"];

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function SummaryFigures({ summary }: { summary: Summary }) {
  const figures: [string, string][] = [
    ["Plays", number.format(summary.plays ?? 0)],
    ["Minutes played", number.format(summary.playedMinutes ?? 0)],
    ["Listening minutes", number.format(summary.listeningMinutes ?? 0)],
    ["Unique listeners", number.format(summary.uniqueListeners ?? 0)],
    ["Peak listeners", number.format(summary.peakListeners ?? 0)],
    ["Votes", number.format(summary.votes ?? 0)],
    ["Average rating", summary.averageRating == null ? "–" : `${number.format(summary.averageRating)} / 5`],
    ["Likes / dislikes", `${number.format(summary.likes ?? 0)} / ${number.format(summary.dislikes ?? 0)}`],
  ];
  return (
    <section aria-labelledby="analytics-summary" className="stack-sm">
      <h2 id="analytics-summary">Summary</h2>
      <dl className="analytics-figures">
        {figures.map(([label, value]) => (
          <div key={label} className="card analytics-figure">
            <dt className="small muted">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
