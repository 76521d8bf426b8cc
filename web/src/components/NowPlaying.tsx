import { useEffect, useState } from "react";
import type { RoomView } from "../api/types";
import { Layers, Music } from "./icons";

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

export function kindLabel(kind: string | null | undefined): string {
  return kind === "mix" ? "Mix" : "Sound";
}

export function KindPill({ kind }: { kind: string | null | undefined }) {
  const Icon = kind === "mix" ? Layers : Music;
  return (
    <span className="pill">
      <Icon size={14} aria-hidden="true" /> {kindLabel(kind)}
    </span>
  );
}

/** Elapsed seconds of the playing item, ticking once a second from its start time. */
function useElapsed(startedAt: string | null | undefined, duration: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!startedAt) return 0;
  return Math.min(duration, Math.max(0, (now - Date.parse(startedAt)) / 1000));
}

export function NowPlaying({ item }: { item: NonNullable<RoomView["nowPlaying"]> | null | undefined }) {
  const duration = item?.durationSeconds ?? 0;
  const elapsed = useElapsed(item?.startedAt, duration);
  if (!item) {
    return (
      <div className="stack-sm">
        <p className="title-xl">Quiet for a moment</p>
        <p className="muted">Nothing is playing right now. The room starts again as soon as its player is on.</p>
      </div>
    );
  }
  const share = duration > 0 ? (elapsed / duration) * 100 : 0;
  return (
    <div className="stack-sm">
      <div className="row">
        <KindPill kind={item.kind} />
      </div>
      <p className="title-xl" data-testid="now-title">{item.title ?? "Untitled"}</p>
      {duration > 0 && (
        <>
          <div className="progress" role="progressbar" aria-label="Progress" aria-valuemin={0}
            aria-valuemax={Math.round(duration)} aria-valuenow={Math.round(elapsed)}
            aria-valuetext={`${clock(elapsed)} of ${clock(duration)}`}>
            <span style={{ width: `${share}%` }} />
          </div>
          <p className="small muted" aria-hidden="true">
            {clock(elapsed)} / {clock(duration)}
          </p>
        </>
      )}
    </div>
  );
}
