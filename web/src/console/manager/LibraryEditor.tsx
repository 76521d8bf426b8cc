import { useEffect, useId, useState } from "react";
import { api } from "../../api/client";
import type { SoundPage } from "../../api/types";
import { Notice } from "../../components/Notice";
import { describe, toProblem, type Problem } from "../../lib/problem";
import { submit } from "../../lib/submit";

type Mode = "whole" | "some";
const SEARCH_PAGE = 50;

/**
 * Which sounds the player may play: the whole library, or only the ticked ones. Ticks survive a new search, so a
 * manager can search "rain", tick, search "fire", tick, and save once.
 */
export function LibraryEditor({ playerId }: { playerId: string }) {
  const searchId = useId();
  const [mode, setMode] = useState<Mode | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState("");
  const [sounds, setSounds] = useState<SoundPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void api.GET("/api/players/{id}/library", { params: { path: { id: playerId } } }).then(({ data, error, response }) => {
      if (!live) return;
      if (!data) return setProblem(toProblem(error, response));
      setTicked(new Set(data.soundIds ?? []));
      setMode(data.wholeLibrary ? "whole" : "some");
    }, () => live && setProblem(toProblem(undefined)));
    return () => {
      live = false;
    };
  }, [playerId]);

  useEffect(() => {
    let live = true;
    const wait = setTimeout(() => {
      void api.GET("/api/sounds", { params: { query: { search: search.trim() || undefined, pageSize: SEARCH_PAGE } } }).then(
        ({ data }) => live && data && setSounds(data),
        () => {},
      );
    }, search ? 250 : 0); // a short pause while typing, not a request per key
    return () => {
      live = false;
      clearTimeout(wait);
    };
  }, [search]);

  const toggle = (id: string) => {
    setSaved(false);
    setTicked((t) => {
      const next = new Set(t);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const save = async () => {
    setBusy(true);
    setSaved(false);
    setProblem(null);
    const soundIds = mode === "whole" ? [] : [...ticked];
    const result = await submit(() => api.PUT("/api/players/{id}/library", { params: { path: { id: playerId } }, body: { soundIds } }));
    setBusy(false);
    if ("problem" in result) return setProblem(result.problem);
    setTicked(new Set(result.data.soundIds ?? []));
    setMode(result.data.wholeLibrary ? "whole" : "some");
    setSaved(true);
  };

  const nothingTicked = mode === "some" && ticked.size === 0;
  return (
    <section className="card stack" aria-labelledby="library-title">
      <h2 id="library-title">Library</h2>
      {mode === null && !problem && <p className="muted" role="status">Loading the library…</p>}
      {mode !== null && (
        <>
          <fieldset className="stack-sm">
            <legend>This player may play</legend>
            <label className="choice">
              <input type="radio" name={`${searchId}-mode`} checked={mode === "whole"} onChange={() => { setMode("whole"); setSaved(false); }} />
              The whole library
            </label>
            <label className="choice">
              <input type="radio" name={`${searchId}-mode`} checked={mode === "some"} onChange={() => { setMode("some"); setSaved(false); }} />
              Only the sounds I tick
            </label>
          </fieldset>
          {mode === "some" && (
            <div className="stack-sm">
              <div className="field">
                <label htmlFor={searchId}>Search the library</label>
                <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Title or artist" />
              </div>
              <p className="small muted" role="status" data-testid="ticked-count">
                {ticked.size === 1 ? "1 sound ticked" : `${ticked.size} sounds ticked`}
              </p>
              <ul className="library-list" aria-label="Sounds">
                {(sounds?.items ?? []).map((s) => (
                  <li key={s.id}>
                    <label className="choice">
                      <input type="checkbox" checked={ticked.has(s.id!)} onChange={() => toggle(s.id!)} />
                      {s.title}
                      {s.artist && <span className="small muted"> · {s.artist}</span>}
                    </label>
                  </li>
                ))}
              </ul>
              {sounds && (sounds.items ?? []).length === 0 && <p className="muted">No sound matches “{search}”.</p>}
              {sounds && (sounds.total ?? 0) > SEARCH_PAGE && (
                <p className="small muted">Showing {SEARCH_PAGE} of {sounds.total}: search to narrow it down.</p>
              )}
            </div>
          )}
          {problem && <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>}
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={busy || nothingTicked} onClick={() => void save()}>
              {busy ? "Saving…" : "Save library"}
            </button>
            <span className="small muted" role="status">
              {nothingTicked ? "Tick at least one sound, or choose the whole library." : saved ? "Saved." : ""}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
