import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { toProblem, type Problem } from "../../lib/problem";
import type { ManagedPlayer } from "./types";

/** GET /api/players/{id}: the management fields (404 for someone else's player, 403 for a non-manager). */
export function usePlayer(id: string) {
  const [player, setPlayer] = useState<ManagedPlayer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let live = true;
    setPlayer(null);
    setProblem(null);
    void api.GET("/api/players/{id}", { params: { path: { id } } }).then(
      ({ data, error, response }) => live && (data ? setPlayer(data) : setProblem(toProblem(error, response))),
      () => live && setProblem(toProblem(undefined)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { player, setPlayer, problem };
}

export function PlayerProblemText({ problem }: { problem: Problem }) {
  if (problem.status === 404) return <>There is no player here that you manage.</>;
  if (problem.status === 403) return <>Players are for managers. Ask an admin for the manager role.</>;
  return <>{problem.title}</>;
}
