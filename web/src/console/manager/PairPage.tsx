// /console/pair: the verification URI a device shows with its code (RFC 8628 §3.3). The manager picks which of their
// players the device becomes; ?code= from the device's link is filled in for them to confirm.
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/client";
import { allPages } from "../../api/allPages";
import { Notice } from "../../components/Notice";
import { describe, toProblem, type Problem } from "../../lib/problem";
import { PairDeviceForm } from "./PairDeviceForm";
import type { FleetPlayer } from "./types";

export function PairPage() {
  const [params] = useSearchParams();
  const [players, setPlayers] = useState<FleetPlayer[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [chosen, setChosen] = useState("");

  useEffect(() => {
    let live = true;
    void allPages((page, pageSize) => api.GET("/api/players/fleet", { params: { query: { page, pageSize } } })).then(
      ({ data, error, response }) => {
        if (!live) return;
        if (data) {
          const items = data.items ?? [];
          setPlayers(items);
          if (items.length === 1) setChosen(items[0].id ?? "");
        } else setProblem(toProblem(error, response));
      },
      () => live && setProblem(toProblem(undefined)),
    );
    return () => {
      live = false;
    };
  }, []);

  const player = players?.find((p) => p.id === chosen);
  return (
    <div className="stack">
      <h1>Pair a device</h1>
      {problem && <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>}
      {players && players.length === 0 && (
        <Notice><p>You manage no players yet. <Link to="/console/players">Create one</Link> first.</p></Notice>
      )}
      {players && players.length > 0 && (
        <div className="field">
          <label htmlFor="pair-player">Which player is this device?</label>
          <select id="pair-player" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose a player…</option>
            {players.map((p) => (
              <option key={p.id} value={p.id ?? ""}>{p.name}</option>
            ))}
          </select>
        </div>
      )}
      {player?.id && (
        <PairDeviceForm key={player.id} playerId={player.id} playerName={player.name ?? "this player"} initialCode={params.get("code") ?? ""} />
      )}
    </div>
  );
}
