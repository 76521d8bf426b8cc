import type { Taste } from "../api/types";
import { AXIS_LABEL, isZeroTaste, movedAxes } from "../lib/taste";
import { TasteBars } from "./TasteBars";
import { ArrowDown, ArrowUp, Check } from "./icons";

export interface Feedback {
  title: string;
  before: Taste | null;
  after: Taste | null;
  learned: boolean;
  note?: string | null;
}

/** What the last vote did to your taste: the axes that moved, and bars with a mark where they were. */
export function VoteFeedback({ feedback }: { feedback: Feedback }) {
  // before is null when the taste before the vote is not known (the page's /api/me had not answered yet).
  const moved = feedback.before ? movedAxes(feedback.before, feedback.after) : [];
  const first = feedback.before !== null && isZeroTaste(feedback.before) && moved.length > 0;
  return (
    <section className="card stack" aria-labelledby="feedback-title">
      <div className="stack-sm">
        <h2 id="feedback-title" className="row">
          <Check size={20} aria-hidden="true" /> Vote counted
        </h2>
        <p role="status">
          {moved.length > 0 ? (
            <>
              {first ? "Your first vote set your taste from " : "Your taste after "}
              <strong>{feedback.title}</strong>:{" "}
              {moved.map((m, i) => (
                <span key={m.axis}>
                  {i > 0 && ", "}
                  {m.delta > 0 ? <ArrowUp size={14} aria-hidden="true" /> : <ArrowDown size={14} aria-hidden="true" />}
                  {AXIS_LABEL[m.axis]} {m.delta > 0 ? "up" : "down"} {Math.round(Math.abs(m.delta) * 100)} points
                </span>
              ))}
              .
            </>
          ) : feedback.learned && feedback.before === null ? (
            <>Your taste after <strong>{feedback.title}</strong> is shown below.</>
          ) : feedback.learned ? (
            <>Your taste already matched <strong>{feedback.title}</strong>; nothing moved.</>
          ) : (
            <>Saved. {feedback.note ?? "Your taste did not change this time."}</>
          )}
        </p>
      </div>
      <TasteBars taste={feedback.after} before={feedback.before} label="Your taste now, with where it was before" />
    </section>
  );
}
