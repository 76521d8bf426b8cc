// /p/:code, the URL an NFC tag or QR code carries: find the room, join (guest in one tap, or sign in), check in.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../api/client";
import { saveTokens } from "../auth/session";
import { useSession } from "../auth/useSession";
import type { RoomSummary } from "../api/types";
import { Notice } from "../components/Notice";
import { AudioLines, LogIn } from "../components/icons";
import { describe, networkProblem, toProblem, type Problem } from "../lib/problem";
import { RoomPage } from "./RoomPage";
import { UnknownTag } from "./NotFound";

export const LAST_ROOM_KEY = "soundscape.lastRoom";

type Lookup = { state: "loading" } | { state: "found"; room: RoomSummary } | { state: "unknown" } | { state: "error"; problem: Problem };
type CheckIn = { state: "idle" | "checking" | "in" | "gone" } | { state: "error"; problem: Problem };

export function TagPage() {
  const { code = "" } = useParams();
  const session = useSession();
  const [lookup, setLookup] = useState<Lookup>({ state: "loading" });
  const [checkIn, setCheckIn] = useState<CheckIn>({ state: "idle" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLookup({ state: "loading" });
    api.GET("/api/rooms/{checkinCode}", { params: { path: { checkinCode: code } } }).then(
      ({ data, error, response }) => {
        if (cancelled) return;
        if (data) setLookup({ state: "found", room: data });
        else if (response.status === 404) setLookup({ state: "unknown" });
        else setLookup({ state: "error", problem: toProblem(error, response) });
      },
      () => !cancelled && setLookup({ state: "error", problem: networkProblem() }),
    );
    return () => {
      cancelled = true;
    };
  }, [code, attempt]);

  const doCheckIn = useCallback(async () => {
    setCheckIn({ state: "checking" });
    try {
      const { data, error, response } = await api.POST("/api/sessions/check-in", { body: { checkinCode: code } });
      if (data) {
        localStorage.setItem(LAST_ROOM_KEY, code);
        setCheckIn({ state: "in" });
      } else if (response.status === 404) setLookup({ state: "unknown" });
      else if (response.status !== 401) setCheckIn({ state: "error", problem: toProblem(error, response) });
    } catch {
      setCheckIn({ state: "error", problem: networkProblem() });
    }
  }, [code]);

  const signedIn = session !== null;
  useEffect(() => {
    if (lookup.state === "found" && signedIn && checkIn.state === "idle") void doCheckIn();
  }, [lookup.state, signedIn, checkIn.state, doCheckIn]);
  useEffect(() => {
    if (!signedIn) setCheckIn({ state: "idle" });
  }, [signedIn]);

  if (lookup.state === "loading") return <p className="muted" role="status">Finding the room…</p>;
  if (lookup.state === "unknown") return <UnknownTag code={code} />;
  if (lookup.state === "error") {
    return (
      <div className="narrow stack">
        <Notice tone="danger" role="alert">
          <p>{describe(lookup.problem)}</p>
          <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>Try again</button>
        </Notice>
      </div>
    );
  }
  const room = lookup.room;
  if (!signedIn) return <Join room={room} code={code} />;
  if (checkIn.state === "error") {
    return (
      <div className="narrow stack">
        <Notice tone="danger" role="alert">
          <p>Couldn't check you in at {room.name}. {describe(checkIn.problem)}</p>
          <button type="button" className="btn btn-primary" onClick={() => void doCheckIn()}>Check in again</button>
        </Notice>
      </div>
    );
  }
  if (checkIn.state !== "in" && checkIn.state !== "gone") return <p className="muted" role="status">Checking you in at {room.name}…</p>;
  return (
    <RoomPage
      playerId={room.playerId!}
      code={code}
      roomName={room.name ?? "this room"}
      sessionGone={checkIn.state === "gone"}
      onSessionGone={() => setCheckIn({ state: "gone" })}
      onCheckInAgain={() => void doCheckIn()}
    />
  );
}

function Join({ room, code }: { room: RoomSummary; code: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const next = encodeURIComponent(`/p/${code}`);
  const joinAsGuest = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { data, error, response } = await api.POST("/api/auth/guest", { body: {} });
      if (data) saveTokens(data); // the session change checks in
      else setProblem(toProblem(error, response));
    } catch {
      setProblem(networkProblem());
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow stack" aria-labelledby="join-title">
      <div className="card card-hero stack">
        <AudioLines size={40} aria-hidden="true" style={{ color: "var(--color-accent)" }} />
        <p className="eyebrow">You're at</p>
        <h1 id="join-title" className="title-xl">{room.name}</h1>
        <p className="muted">
          The sound here follows the people in the room. Join to see what's playing and tell the room what you'd like.
        </p>
        <button type="button" className="btn btn-primary btn-block" disabled={busy} onClick={() => void joinAsGuest()}>
          {busy ? "Joining…" : "Join as guest"}
        </button>
        {problem && (
          <Notice tone="danger" role="alert">
            <p>{describe(problem)}</p>
          </Notice>
        )}
        <p className="small muted">No account needed. You can keep your taste with an e-mail later.</p>
      </div>
      <div className="row" style={{ justifyContent: "center" }}>
        <Link className="btn" to={`/signin?next=${next}`}>
          <LogIn size={18} aria-hidden="true" /> Sign in
        </Link>
        <Link className="btn btn-quiet" to={`/signup?next=${next}`}>
          Create an account
        </Link>
      </div>
    </section>
  );
}
