// The fleet board, live. One GET /api/players/fleet gives every row; each of the first few rows also follows its
// room's public event stream, so status, now playing and listeners change as they happen. A browser keeps at most six
// HTTP/1.1 connections per origin, so streams are capped and the whole board is re-read every 30 s instead (which also
// ages "last seen" and catches players beyond the cap). Hidden tabs do not re-read.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { allPages } from "../../api/allPages";
import type { RoomView } from "../../api/types";
import { toProblem, type Problem } from "../../lib/problem";
import type { FleetPlayer } from "./types";

export const MAX_STREAMS = 4;
export const REFRESH_MS = 30_000;

export interface Fleet {
  players: FleetPlayer[] | null;
  total: number;
  problem: Problem | null;
  reload: () => void;
}

export function useFleet(): Fleet {
  const [players, setPlayers] = useState<FleetPlayer[] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    void allPages((page, pageSize) => api.GET("/api/players/fleet", { params: { query: { page, pageSize } } })).then(
      ({ data, error, response }) => {
        if (!live) return;
        if (data) {
          setPlayers(data.items ?? []);
          setTotal(data.total ?? 0);
          setProblem(null);
        } else setProblem(toProblem(error, response));
      },
      () => live && setProblem(toProblem(undefined)),
    );
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const streamed = (players ?? []).slice(0, MAX_STREAMS).map((p) => p.id ?? "").filter(Boolean);
  const key = streamed.join(",");
  const applyRef = useRef((view: RoomView) => {
    setPlayers((rows) => rows && rows.map((row) => (row.id === view.playerId ? merge(row, view) : row)));
  });

  useEffect(() => {
    if (!key) return;
    const sources = key.split(",").map((id) => {
      const source = new EventSource(`/api/players/${encodeURIComponent(id)}/events`);
      source.addEventListener("room", (event) => {
        try {
          applyRef.current(JSON.parse((event as MessageEvent<string>).data) as RoomView);
        } catch {
          /* the next event carries the whole state again */
        }
      });
      return source;
    });
    return () => sources.forEach((s) => s.close());
  }, [key]);

  return { players, total, problem, reload };
}

/** A row updated from its room view, unless the view is older than what the row already shows. */
function merge(row: FleetPlayer, view: RoomView): FleetPlayer {
  if ((view.version ?? 0) < (row.roomVersion ?? 0)) return row;
  const now = view.nowPlaying;
  return {
    ...row,
    status: view.status ?? row.status,
    listeners: view.listeners ?? row.listeners,
    nowPlaying: now ? { kind: now.kind, id: now.id, title: now.title } : undefined,
    roomVersion: view.version ?? row.roomVersion,
  };
}
