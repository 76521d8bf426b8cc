// Sending votes. Rule against double votes: one intended vote = one fresh clientVoteId; its button is disabled
// while it is in flight, and a retry of a failed send reuses the same id, so the API answers a repeat with the
// first result instead of learning twice. A vote that could not be sent stays on screen with "Send again".
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { VoteRequest, VoteResult } from "../api/types";
import { networkProblem, toProblem, type Problem } from "../lib/problem";
import { uuid } from "../lib/uuid";

export type VoteChoice = { rating: number } | { reaction: "like" | "dislike" };

export interface PendingVote {
  request: VoteRequest & { soundId: string; clientVoteId: string };
  title: string;
  choice: VoteChoice;
}

export interface FailedVote extends PendingVote {
  problem: Problem;
}

export interface Voting {
  /** soundIds with a vote in flight. */
  inFlight: ReadonlySet<string>;
  failed: FailedVote[];
  vote: (soundId: string, title: string, choice: VoteChoice) => Promise<void>;
  retry: (clientVoteId: string) => Promise<void>;
  dismiss: (clientVoteId: string) => void;
}

export function useVoting(playerId: string | null, onVoted: (result: VoteResult, vote: PendingVote) => void): Voting {
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<FailedVote[]>([]);

  const send = useCallback(
    async (pending: PendingVote) => {
      const soundId = pending.request.soundId;
      setInFlight((s) => new Set(s).add(soundId));
      setFailed((f) => f.filter((x) => x.request.clientVoteId !== pending.request.clientVoteId));
      let problem: Problem | null = null;
      try {
        const { data, error, response } = await api.POST("/api/votes", { body: pending.request });
        if (data) onVoted(data, pending);
        else if (response.status !== 401) problem = toProblem(error, response);
      } catch {
        problem = networkProblem();
      } finally {
        setInFlight((s) => {
          const next = new Set(s);
          next.delete(soundId);
          return next;
        });
      }
      if (problem) setFailed((f) => [...f, { ...pending, problem: problem! }]);
    },
    [onVoted],
  );

  const vote = useCallback(
    (soundId: string, title: string, choice: VoteChoice) =>
      send({ request: { soundId, playerId: playerId ?? undefined, clientVoteId: uuid(), ...choice }, title, choice }),
    [send, playerId],
  );

  const retry = useCallback(
    async (clientVoteId: string) => {
      const vote = failed.find((f) => f.request.clientVoteId === clientVoteId);
      if (vote) await send(vote);
    },
    [failed, send],
  );

  const dismiss = useCallback(
    (clientVoteId: string) => setFailed((f) => f.filter((x) => x.request.clientVoteId !== clientVoteId)),
    [],
  );

  // Back online: send what could not be sent (same ids, so nothing counts twice).
  useEffect(() => {
    const resend = () => failed.filter((f) => f.problem.status === 0).forEach((f) => void send(f));
    window.addEventListener("online", resend);
    return () => window.removeEventListener("online", resend);
  }, [failed, send]);

  return { inFlight, failed, vote, retry, dismiss };
}
