// /console/analytics: choose the player whose analytics to open (a manager's own players, an admin's all).
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ChartLine } from "lucide-react";
import { api } from "../../api/client";
import { allPages } from "../../api/allPages";
import type { components } from "../../api/schema";
import { Notice } from "../../components/Notice";

type Player = components["schemas"]["PlayerDto"];

export default function AnalyticsPlayerPicker() {
  const [players, setPlayers] = useState<Player[] | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void allPages((page, pageSize) => api.GET("/api/players", { params: { query: { page, pageSize } } })).then(({ data, response }) => {
      if (!live) return;
      if (data) setPlayers(data.items ?? []);
      else setFailed(response?.status ?? 0);
    }, () => live && setFailed(0));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="stack">
      <h1 className="title-xl">Analytics</h1>
      {failed !== null && (
        <Notice tone="danger" role="alert">
          <p>{failed === 403 ? "Analytics are for managers and admins." : "The players could not be loaded. Try again in a moment."}</p>
        </Notice>
      )}
      {!players && failed === null && <p className="muted" role="status">Loading players…</p>}
      {players && players.length === 0 && <p className="muted">You have no players yet.</p>}
      {players && players.length > 0 && (
        <ul className="list analytics-players">
          {players.map((p) => (
            <li key={p.id} className="list-item">
              <Link to={`/console/players/${p.id}/analytics`} className="btn btn-quiet">
                <ChartLine size={18} aria-hidden="true" /> {p.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
