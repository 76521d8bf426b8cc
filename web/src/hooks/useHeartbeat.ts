// Keeps the listening session alive while the page is visible (Page Visibility API); a hidden page sends nothing,
// so closing or leaving it lets the session expire as the API designs. A 404 means the session is gone.
import { useEffect, useRef } from "react";
import { api } from "../api/client";

export const HEARTBEAT_MS = 60_000;

export function useHeartbeat(active: boolean, onSessionGone: () => void, intervalMs = HEARTBEAT_MS): void {
  const gone = useRef(onSessionGone);
  gone.current = onSessionGone;

  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const beat = async () => {
      try {
        const { response } = await api.POST("/api/sessions/heartbeat");
        if (response.status === 404) gone.current();
      } catch {
        /* unreachable server: the live banner says so; the next beat tries again */
      }
    };
    const start = () => {
      stop();
      timer = setInterval(beat, intervalMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        void beat();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [active, intervalMs]);
}
