import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { RoomView } from "../api/types";
import type { Voting } from "../hooks/useVoting";
import { Field } from "./Field";
import { VoteControls } from "./VoteControls";

export interface SoundRef {
  id: string;
  title: string;
}

interface Props {
  room: RoomView | null;
  /** Sounds that played in this room while the page was open, newest first. */
  recent: SoundRef[];
  voting: Voting;
}

/** How many sounds a search shows: a short list to pick from, never the whole library. */
export const SEARCH_RESULTS = 5;
const SEARCH_DELAY_MS = 250;

/**
 * What a listener votes on to steer the room: the sounds queued next, the ones that just played, and a short search
 * of the library for anything else. The sound playing now has its own controls on the now-playing card.
 */
export function SteerTheRoom({ room, recent, voting }: Props) {
  const nowId = room?.nowPlaying?.kind === "sound" ? room.nowPlaying.id : undefined;
  const queued = unique((room?.next ?? []).filter((n) => n.kind === "sound" && n.id).map((n) => ({ id: n.id!, title: n.title ?? "Untitled" })))
    .filter((s) => s.id !== nowId);
  const played = recent.filter((s) => s.id !== nowId && !queued.some((q) => q.id === s.id));
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<SoundRef[] | null>(null);

  useEffect(() => {
    const search = query.trim();
    if (search.length === 0) {
      setFound(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      void api.GET("/api/sounds", { params: { query: { search, pageSize: SEARCH_RESULTS } } }).then(
        ({ data }) => !cancelled && setFound((data?.items ?? []).filter((s) => s.id).map((s) => ({ id: s.id!, title: s.title ?? "Untitled" }))),
        () => !cancelled && setFound([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <section className="card stack span-all" aria-labelledby="nudge-title">
      <div className="stack-sm">
        <h2 id="nudge-title">Steer the room</h2>
        <p className="small muted">Like what you'd enjoy hearing; the room re-plans with every vote.</p>
      </div>
      <SoundList title="Coming up" testId="steer-queue" sounds={queued} voting={voting}
        empty="Nothing is queued yet; vote on what's playing, or find a sound below." />
      {played.length > 0 && <SoundList title="Just played" testId="steer-recent" sounds={played} voting={voting} />}
      <div className="stack-sm" role="search">
        <Field label="Find a sound" type="search" value={query} autoComplete="off"
          hint={`Title or artist; the first ${SEARCH_RESULTS} matches.`} onChange={(e) => setQuery(e.target.value)} />
        {found && (
          <SoundList title="Matches" testId="library" sounds={found} voting={voting} empty={`No sound matches “${query.trim()}”.`} />
        )}
      </div>
    </section>
  );
}

function SoundList({ title, testId, sounds, voting, empty }: { title: string; testId: string; sounds: SoundRef[]; voting: Voting; empty?: string }) {
  return (
    <div className="stack-sm">
      <h3 className="eyebrow">{title}</h3>
      {sounds.length === 0 ? (
        <p className="small muted" role="status">{empty}</p>
      ) : (
        <ul className="list" data-testid={testId} aria-label={title}>
          {sounds.map((s) => (
            <li key={s.id} className="list-item">
              <div className="sound-row">
                <strong>{s.title}</strong>
                <VoteControls soundId={s.id} title={s.title} voting={voting} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const unique = (sounds: SoundRef[]) => sounds.filter((s, i) => sounds.findIndex((x) => x.id === s.id) === i);
