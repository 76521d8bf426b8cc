import { useEffect, useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import type { Sound } from "./types";

const PAGE_SIZE = 20;

/** The library with search (title and artist) and paging; `version` reloads it after an upload. */
export function SoundList({ version }: { version: number }) {
  const [search, setSearch] = useState("");
  const [term, setTerm] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Sound[]; total: number } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const t = setTimeout(() => { setTerm(search.trim()); setPage(1); }, 250);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    let live = true;
    void api.GET("/api/sounds", { params: { query: { page, pageSize: PAGE_SIZE, search: term || undefined } } }).then(({ data: d }) => {
      if (!live) return;
      if (!d) setFailed(true);
      else { setFailed(false); setData({ items: d.items ?? [], total: d.total ?? 0 }); }
    }, () => live && setFailed(true));
    return () => { live = false; };
  }, [page, term, version]);

  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  return (
    <section className="card stack" aria-labelledby="library-list">
      <div className="sound-row">
        <h2 id="library-list">Sounds</h2>
        {data && <span className="small muted" data-testid="sound-total">{data.total} in the library</span>}
      </div>
      <div className="field">
        <label htmlFor="library-search">Search title or artist</label>
        <input id="library-search" type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {failed && <Notice tone="danger" role="alert"><p>The library could not be loaded.</p></Notice>}
      {data && data.items.length === 0 && <p className="muted">No sounds{term ? ` match “${term}”` : " yet"}.</p>}
      {data && data.items.length > 0 && (
        <ul className="list">
          {data.items.map((s) => (
            <li key={s.id} className="list-item">
              <div className="sound-row">
                <Link to={`/console/library/${s.id}`}>{s.title}</Link>
                <span className="small muted">
                  {s.artist ? `${s.artist} · ` : ""}{s.type} · {formatDuration(s.durationSeconds ?? 0)}
                  {s.embeddingOverridden ? " · override" : ""}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Library pages">
          <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          <span className="small muted">Page {page} of {pages}</span>
          <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      )}
    </section>
  );
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
