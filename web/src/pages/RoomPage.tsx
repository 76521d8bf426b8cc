import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import type { RoomView, Taste, VoteResult } from "../api/types";
import { LiveBanner } from "../components/LiveBanner";
import { NowPlaying } from "../components/NowPlaying";
import { Notice } from "../components/Notice";
import { RoomTaste } from "../components/RoomTaste";
import { ShareRoom } from "../components/ShareRoom";
import { SteerTheRoom, type SoundRef } from "../components/SteerTheRoom";
import { UpNext } from "../components/UpNext";
import { FailedVotes, VoteControls } from "../components/VoteControls";
import { VoteFeedback, type Feedback } from "../components/VoteFeedback";
import { Users, User } from "../components/icons";
import { useHeartbeat } from "../hooks/useHeartbeat";
import { useRoomEvents } from "../hooks/useRoomEvents";
import { useVoting, type PendingVote } from "../hooks/useVoting";

interface Props {
  playerId: string;
  /** The tag's check-in code, for the share card. */
  code: string;
  roomName: string;
  /** The session ended (checked out elsewhere, or expired): the page offers to check in again. */
  sessionGone: boolean;
  onSessionGone: () => void;
  onCheckInAgain: () => void;
}

export function RoomPage({ playerId, code, roomName, sessionGone, onSessionGone, onCheckInAgain }: Props) {
  const { room, online, reconnect } = useRoomEvents(playerId);
  // The taste before the next vote (null until known); each vote's answer carries the taste after it, which then
  // wins over a slower /api/me answer (read before the vote, it would be the older taste).
  const myTaste = useRef<Taste | null>(null);
  const tasteFromVote = useRef(false);
  // The vote whose result the feedback shows: a repeat of it (same clientVoteId) is not shown again as "nothing moved".
  const shownVote = useRef<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const recent = useRecentlyPlayed(room);
  useHeartbeat(!sessionGone, onSessionGone);

  useEffect(() => {
    void api.GET("/api/me").then(({ data }) => {
      if (data && !tasteFromVote.current) myTaste.current = data.tasteVector ?? null;
    }, () => {});
  }, []);

  const onVoted = useCallback((result: VoteResult, vote: PendingVote) => {
    if (result.repeated && shownVote.current === vote.request.clientVoteId) return;
    shownVote.current = vote.request.clientVoteId;
    const before = myTaste.current;
    myTaste.current = result.tasteVector ?? before;
    tasteFromVote.current = true;
    setFeedback({ title: vote.title, before, after: result.tasteVector ?? null, learned: result.learned ?? false, note: result.note });
  }, []);
  const voting = useVoting(playerId, onVoted);

  const now = room?.nowPlaying ?? null;
  const listeners = room?.listeners ?? 0;
  return (
    <>
      <LiveBanner online={online} onRetry={reconnect} />
      <div className="room-grid">
        {sessionGone && (
          <div className="span-all">
            <Notice tone="warn" role="alert">
              <p>You are no longer checked in here, so your votes don't steer this room.</p>
              <div className="row">
                <button type="button" className="btn btn-primary" onClick={onCheckInAgain}>
                  Check in again
                </button>
              </div>
            </Notice>
          </div>
        )}
        <section className="card card-hero stack span-all" aria-labelledby="now-heading">
          <div className="sound-row">
            <h1 id="now-heading" className="eyebrow">
              Now playing in {room?.name ?? roomName}
            </h1>
            <span className="listeners" data-testid="listeners">
              <span className="live-dot" aria-hidden="true" />
              <Users size={18} aria-hidden="true" />
              {listeners === 1 ? "1 listener here" : `${listeners} listeners here`}
            </span>
          </div>
          <NowPlaying item={now} />
          {now?.kind === "sound" && now.id && <VoteControls soundId={now.id} title={now.title ?? "this sound"} voting={voting} withRating />}
          {now?.kind === "mix" && <p className="small muted">This is a mix of several sounds; vote on the sounds below to steer it.</p>}
          <FailedVotes voting={voting} />
        </section>
        {feedback && (
          <div className="span-all">
            <VoteFeedback feedback={feedback} />
          </div>
        )}
        {room && <UpNext room={room} />}
        <div className="stack">
          {room && <RoomTaste room={room} />}
          <ShareRoom code={code} />
        </div>
        <SteerTheRoom room={room} recent={recent} voting={voting} />
        <p className="span-all">
          <Link to="/me" className="btn">
            <User size={18} aria-hidden="true" /> My taste and votes
          </Link>
        </p>
      </div>
    </>
  );
}

const RECENT = 5;

/** The sounds that played in this room while the page was open, newest first (at most five). */
function useRecentlyPlayed(room: RoomView | null): SoundRef[] {
  const [recent, setRecent] = useState<SoundRef[]>([]);
  const playing = useRef<SoundRef | null>(null);
  const now = room?.nowPlaying;
  const nowId = now?.kind === "sound" ? now.id : undefined;
  useEffect(() => {
    const previous = playing.current;
    playing.current = nowId ? { id: nowId, title: now?.title ?? "Untitled" } : null;
    if (previous && previous.id !== nowId)
      setRecent((r) => [previous, ...r.filter((s) => s.id !== previous.id)].slice(0, RECENT));
    // Keyed by the id alone: the title belongs to it.
  }, [nowId]);
  return recent;
}
