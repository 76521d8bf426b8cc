import { useEffect, useId, useState } from "react";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import { describe, toProblem, type Problem } from "../../lib/problem";
import { dayRange, localDay, localTime, playLength } from "./format";
import type { HistoryPage } from "./types";

const PAGE_SIZE = 20;

/** What the player played on one day (the browser's time zone), newest first, a page at a time. */
export function PlayHistory({ playerId, refreshKey }: { playerId: string; refreshKey?: number }) {
  const inputId = useId();
  const [day, setDay] = useState(localDay());
  const [page, setPage] = useState(1);
  const [history, setHistory] = useState<HistoryPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const range = dayRange(day);
    if (!range) return;
    let live = true;
    void api.GET("/api/players/{id}/history", {
      params: { path: { id: playerId }, query: { from: range.from, to: range.to, page, pageSize: PAGE_SIZE } },
    }).then(({ data, error, response }) => {
      if (!live) return;
      if (data) {
        setHistory(data);
        setProblem(null);
      } else setProblem(toProblem(error, response));
    }, () => live && setProblem(toProblem(undefined)));
    return () => {
      live = false;
    };
  }, [playerId, day, page, refreshKey]);

  const items = history?.items ?? [];
  const pages = Math.max(1, Math.ceil((history?.total ?? 0) / PAGE_SIZE));
  return (
    <section className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <div className="field">
        <label htmlFor={inputId}>Day</label>
        <input id={inputId} type="date" value={day} max={localDay()} onChange={(e) => {
          setDay(e.target.value);
          setPage(1);
        }} />
      </div>
      {problem && <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>}
      {history && items.length === 0 && <p className="muted">Nothing was played that day.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="history-table">
            <caption className="visually-hidden">Plays on {day}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Title</th>
                <th scope="col">Length</th>
                <th scope="col" className="num">Listeners</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id}>
                  <td><time dateTime={h.startedAt}>{localTime(h.startedAt!)}</time></td>
                  <th scope="row">{h.title ?? <span className="muted">A private mix</span>}</th>
                  <td>{playLength(h.startedAt!, h.endedAt) ?? "playing"}</td>
                  <td className="num">{h.listeners ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager row" aria-label="History pages">
          <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Newer</button>
          <span className="small muted">Page {page} of {pages}</span>
          <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Older</button>
        </nav>
      )}
    </section>
  );
}
