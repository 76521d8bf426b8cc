// /me: my taste, my votes (paged), keep my taste (guest → e-mail and password), display name, check out, sign out.
import { useCallback, useEffect, useState } from "react";
import { Link, Navigate } from "react-router";
import { api } from "../api/client";
import { clearSession, loadSession, saveTokens } from "../auth/session";
import { useSession } from "../auth/useSession";
import type { Profile, VotePage } from "../api/types";
import { Field } from "../components/Field";
import { Notice } from "../components/Notice";
import { TasteBars } from "../components/TasteBars";
import { KeyRound, LogOut, Star, ThumbsDown, ThumbsUp } from "../components/icons";
import { useFormSubmit } from "../hooks/useFormSubmit";
import { describe, type Problem } from "../lib/problem";
import { submit } from "../lib/submit";
import { LAST_ROOM_KEY } from "./TagPage";

const PAGE_SIZE = 10;

export function MePage() {
  const session = useSession();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const load = useCallback(async () => {
    const result = await submit(() => api.GET("/api/me"));
    if ("problem" in result) setProblem(result.problem);
    else setProfile(result.data);
  }, []);
  useEffect(() => {
    if (session) void load();
  }, [session?.userId, load]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!session) return <Navigate to={signingOut ? "/" : "/signin?next=%2Fme"} replace />;
  if (problem && !profile) {
    return (
      <Notice tone="danger" role="alert">
        <p>{describe(problem)}</p>
        <button type="button" className="btn" onClick={() => void load()}>Try again</button>
      </Notice>
    );
  }
  if (!profile) return <p className="muted" role="status">Loading your taste…</p>;
  const lastRoom = localStorage.getItem(LAST_ROOM_KEY);
  return (
    <div className="room-grid">
      <section className="card card-hero stack span-all" aria-labelledby="me-title">
        <p className="eyebrow">{profile.isAnonymous ? "Guest" : profile.email}</p>
        <h1 id="me-title" className="title-xl">{profile.displayName || "You"}</h1>
        <p className="muted">
          {profile.voteCount === 1 ? "1 vote so far" : `${profile.voteCount ?? 0} votes so far`}
          {lastRoom && (
            <>
              {" · "}
              <Link to={`/p/${encodeURIComponent(lastRoom)}`}>Back to the room</Link>
            </>
          )}
        </p>
      </section>
      <section className="card stack" aria-labelledby="mytaste-title">
        <h2 id="mytaste-title">My taste</h2>
        <TasteBars taste={profile.tasteVector} label="My taste by sound" />
      </section>
      {profile.isAnonymous && <KeepTaste onKept={load} />}
      <DisplayName profile={profile} onSaved={setProfile} />
      <MyVotes />
      <Leave onSignOut={() => setSigningOut(true)} />
    </div>
  );
}

function KeepTaste({ onKept }: { onKept: () => Promise<void> }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, fieldErrors: errors, formProblem: problem, onSubmit } = useFormSubmit(
    () => api.POST("/api/me/credentials", { body: { email, password } }),
    async (tokens) => {
      saveTokens(tokens);
      await onKept();
    },
  );
  return (
    <section id="keep" className="card stack" aria-labelledby="keep-title">
      <div className="stack-sm">
        <h2 id="keep-title" className="row"><KeyRound size={20} aria-hidden="true" /> Keep my taste</h2>
        <p className="small muted">Add an e-mail and password to this guest. Your votes and taste stay exactly as they are.</p>
      </div>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="E-mail" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={errors.email} />
        <Field label="Password" type="password" autoComplete="new-password" hint="At least 8 characters." value={password}
          onChange={(e) => setPassword(e.target.value)} errors={errors.password} />
        {problem && (
          <Notice tone="danger" role="alert">
            <p>{problem.status === 409 ? (problem.detail ?? "That e-mail already has an account. Sign in with it instead.") : describe(problem)}</p>
          </Notice>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? "Saving…" : "Keep my taste"}</button>
      </form>
    </section>
  );
}

function DisplayName({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [name, setName] = useState(profile.displayName ?? "");
  const [saved, setSaved] = useState(false);
  const { busy, fieldErrors: errors, formProblem: problem, onSubmit } = useFormSubmit(
    () => api.PATCH("/api/me", { body: { displayName: name } }),
    (updated) => {
      setSaved(true);
      onSaved(updated);
    },
  );
  return (
    <section className="card stack" aria-labelledby="name-title">
      <h2 id="name-title">Display name</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Name shown to staff" autoComplete="nickname" value={name} onChange={(e) => { setName(e.target.value); setSaved(false); }} errors={errors.displayName} />
        {problem && (
          <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>
        )}
        <div className="row">
          <button type="submit" className="btn" disabled={busy}>{busy ? "Saving…" : "Save name"}</button>
          {saved && <span role="status" className="small">Saved.</span>}
        </div>
      </form>
    </section>
  );
}

function MyVotes() {
  const [page, setPage] = useState(1);
  const [votes, setVotes] = useState<VotePage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void submit(() => api.GET("/api/me/votes", { params: { query: { page, pageSize: PAGE_SIZE } } })).then((r) =>
      "problem" in r ? setProblem(r.problem) : (setVotes(r.data), setProblem(null)),
    );
  }, [page]);
  const total = votes?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section className="card stack span-all" aria-labelledby="votes-title">
      <h2 id="votes-title">My votes</h2>
      {problem && <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>}
      {votes && total === 0 && <p className="muted">No votes yet. Like a sound in the room to start your taste.</p>}
      {votes && total > 0 && (
        <>
          <ul className="list" data-testid="my-votes">
            {(votes.items ?? []).map((v) => (
              <li key={v.id} className="list-item">
                <div className="sound-row">
                  <strong>{v.soundTitle}</strong>
                  <span className="row small">
                    {v.rating != null ? (
                      <><Star size={16} aria-hidden="true" /> {v.rating} of 5</>
                    ) : v.reaction === "like" ? (
                      <><ThumbsUp size={16} aria-hidden="true" /> Liked</>
                    ) : (
                      <><ThumbsDown size={16} aria-hidden="true" /> Not for me</>
                    )}
                  </span>
                </div>
                <span className="small muted">{new Date(v.createdAt!).toLocaleString()}</span>
              </li>
            ))}
          </ul>
          <nav className="pager" aria-label="Vote pages">
            <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Newer</button>
            <span className="small muted">Page {page} of {pages}</span>
            <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Older</button>
          </nav>
        </>
      )}
    </section>
  );
}

function Leave({ onSignOut }: { onSignOut: () => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const checkOut = async () => {
    const result = await submit(() => api.POST("/api/sessions/check-out"));
    if ("problem" in result && result.problem.status !== 404) setStatus(describe(result.problem));
    else setStatus("You've checked out. Tap the tag again to check back in.");
  };
  const signOut = async () => {
    const refreshToken = loadSession()?.refreshToken;
    // Revoke on the server first; the local sign-out happens even if the server can't be reached.
    await submit(() => api.POST("/api/auth/sign-out", { body: { refreshToken } }));
    onSignOut(); // so that /me, now without a session, goes to the start rather than to sign-in
    clearSession();
  };
  return (
    <section className="card stack span-all" aria-labelledby="leave-title">
      <h2 id="leave-title">Leaving</h2>
      <div className="row">
        <button type="button" className="btn" onClick={() => void checkOut()}>Check out of the room</button>
        <button type="button" className="btn" onClick={() => void signOut()}>
          <LogOut size={18} aria-hidden="true" /> Sign out
        </button>
      </div>
      {status && <p role="status">{status}</p>}
    </section>
  );
}
