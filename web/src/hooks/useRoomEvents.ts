// The room view, live: the first state from GET /now, then Server-Sent Events. The browser's EventSource resumes
// with Last-Event-ID by itself; when it gives up (readyState CLOSED, e.g. the server answered with an error while
// restarting), a new one is opened after a growing wait. `online` is false while no stream is open.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { RoomView } from "../api/types";

export interface RoomEvents {
  room: RoomView | null;
  online: boolean;
  /** Opens a fresh stream now (the banner's "Try now"). */
  reconnect: () => void;
}

const MAX_WAIT_MS = 10_000;
/** A stream down for less than this (a routine reconnect) does not show the banner. */
export const OFFLINE_AFTER_MS = 1_500;

export function useRoomEvents(playerId: string | null): RoomEvents {
  const [room, setRoom] = useState<RoomView | null>(null);
  const [online, setOnline] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const failures = useRef(0);
  const lastVersion = useRef<number>(-1);

  const accept = useCallback((next: RoomView) => {
    const version = next.version ?? 0;
    if (version < lastVersion.current) return; // an older state arriving late
    lastVersion.current = version;
    setRoom(next);
  }, []);

  useEffect(() => {
    if (!playerId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let offlineTimer: ReturnType<typeof setTimeout> | undefined;
    const up = () => {
      clearTimeout(offlineTimer);
      offlineTimer = undefined;
      setOnline(true);
    };
    const source = new EventSource(`/api/players/${encodeURIComponent(playerId)}/events`);

    const retryLater = () => {
      source.close();
      const wait = Math.min(MAX_WAIT_MS, 500 * 2 ** failures.current);
      failures.current += 1;
      timer = setTimeout(() => !cancelled && setAttempt((a) => a + 1), wait);
    };
    source.onopen = () => {
      failures.current = 0;
      up();
    };
    source.addEventListener("room", (event) => {
      try {
        accept(JSON.parse((event as MessageEvent<string>).data) as RoomView);
        up();
      } catch {
        /* a malformed event is ignored; the next one carries the whole state again */
      }
    });
    source.onerror = () => {
      offlineTimer ??= setTimeout(() => !cancelled && setOnline(false), OFFLINE_AFTER_MS);
      if (source.readyState === EventSource.CLOSED) retryLater();
    };
    // The stream's first event carries the state too; this makes the page useful even before it connects.
    void api.GET("/api/players/{id}/now", { params: { path: { id: playerId } } }).then(
      ({ data }) => !cancelled && data && accept(data),
      () => {},
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(offlineTimer);
      source.close();
    };
  }, [playerId, attempt, accept]);

  const reconnect = useCallback(() => {
    failures.current = 0;
    setAttempt((a) => a + 1);
  }, []);

  return { room, online, reconnect };
}
