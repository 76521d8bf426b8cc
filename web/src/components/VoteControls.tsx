import { describe as describeProblem } from "../lib/problem";
import type { FailedVote, VoteChoice, Voting } from "../hooks/useVoting";
import { Notice } from "./Notice";
import { RefreshCw, Star, ThumbsDown, ThumbsUp } from "./icons";

interface Props {
  soundId: string;
  title: string;
  voting: Voting;
  /** With stars 1–5 as well as like/dislike (the now-playing card); the library list shows like/dislike only. */
  withRating?: boolean;
}

export function VoteControls({ soundId, title, voting, withRating = false }: Props) {
  const busy = voting.inFlight.has(soundId);
  const cast = (choice: VoteChoice) => void voting.vote(soundId, title, choice);
  return (
    <div className="stack-sm">
      <div className="row" role="group" aria-label={`Vote on ${title}`}>
        <button type="button" className="btn" disabled={busy} aria-label={`Like ${title}`} onClick={() => cast({ reaction: "like" })}>
          <ThumbsUp size={18} aria-hidden="true" /> <span aria-hidden="true">Like</span>
        </button>
        <button type="button" className="btn" disabled={busy} aria-label={`Dislike ${title}`} onClick={() => cast({ reaction: "dislike" })}>
          <ThumbsDown size={18} aria-hidden="true" /> <span aria-hidden="true">Not for me</span>
        </button>
        {busy && <span className="small muted" role="status">Sending…</span>}
      </div>
      {withRating && (
        <div className="rating" role="group" aria-label={`Rate ${title} from 1 to 5`}>
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} type="button" className="btn btn-icon" disabled={busy} aria-label={`Rate ${n} of 5`}
              onClick={() => cast({ rating: n })}>
              <Star size={18} aria-hidden="true" />
              <span aria-hidden="true" className="small">{n}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

const choiceWords = (c: VoteChoice) => ("rating" in c ? `rating of ${c.rating}` : c.reaction === "like" ? "like" : "dislike");

/** Votes that could not be sent, each with what went wrong and a way to send it again. */
export function FailedVotes({ voting }: { voting: Voting }) {
  if (voting.failed.length === 0) return null;
  return (
    <div className="stack-sm" role="alert">
      {voting.failed.map((f: FailedVote) => {
        const id = f.request.clientVoteId;
        const busy = voting.inFlight.has(f.request.soundId);
        return (
          <Notice key={id} tone="danger">
            <p>
              Your {choiceWords(f.choice)} for <strong>{f.title}</strong> was not sent. {describeProblem(f.problem)}
            </p>
            <div className="row">
              <button type="button" className="btn" disabled={busy} onClick={() => void voting.retry(id)}>
                <RefreshCw size={16} aria-hidden="true" /> Send again
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => voting.dismiss(id)}>
                Discard
              </button>
            </div>
          </Notice>
        );
      })}
    </div>
  );
}
