// Votes and plays per sound (or mix), most played first.
import type { components } from "../../api/schema";

type SoundRow = components["schemas"]["SoundAnalyticsDto"];

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function titleOf(s: SoundRow): string {
  return s.title ?? (s.mixId ? "A private mix" : "Unknown sound");
}

export function SoundVotesTable({ sounds, total }: { sounds: SoundRow[]; total: number }) {
  return (
    <section aria-labelledby="analytics-sounds" className="stack-sm">
      <h2 id="analytics-sounds">Votes per sound</h2>
      {sounds.length === 0 ? (
        <p className="muted">Nothing was played or voted on in this period.</p>
      ) : (
        <div className="analytics-table-wrap" tabIndex={0} role="region" aria-label="Votes per sound, as a table">
          <table className="analytics-table">
            {total > sounds.length && <caption className="small muted">The {sounds.length} most played of {total}; the CSV has all.</caption>}
            <thead>
              <tr>
                <th scope="col">Sound</th>
                <th scope="col">Plays</th>
                <th scope="col">Listening min</th>
                <th scope="col">Votes</th>
                <th scope="col">Avg rating</th>
                <th scope="col">Likes</th>
                <th scope="col">Dislikes</th>
              </tr>
            </thead>
            <tbody>
              {sounds.map((s) => (
                <tr key={s.soundId ?? s.mixId}>
                  <th scope="row">{titleOf(s)}</th>
                  <td>{number.format(s.plays ?? 0)}</td>
                  <td>{number.format(s.listeningMinutes ?? 0)}</td>
                  <td>{number.format(s.votes ?? 0)}</td>
                  <td>{s.averageRating == null ? "–" : number.format(s.averageRating)}</td>
                  <td>{number.format(s.likes ?? 0)}</td>
                  <td>{number.format(s.dislikes ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
