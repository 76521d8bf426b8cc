// Words and numbers for the manager pages: statuses, the engine's fallbacks, scores and local times.

export type Status = "online" | "playing" | "idle" | "offline";

export const STATUS_LABEL: Record<Status, string> = {
  playing: "Playing",
  online: "Online",
  idle: "Idle",
  offline: "Offline",
};

export function statusOf(value: string | null | undefined): Status {
  return value === "playing" || value === "online" || value === "idle" ? value : "offline";
}

/** The engine's fallback names (GET /queue) as a manager reads them. */
export function fallbackLabel(fallback: string | null | undefined): string {
  switch (fallback) {
    case "room":
      return "Room's taste";
    case "all_active_listeners":
      return "All listeners (few here)";
    case "player_default":
      return "Player's default";
    case "explore":
      return "Exploring";
    default:
      return "None";
  }
}

/** A signed score to two decimals with a real minus sign, so columns line up. */
export const score = (v: number | null | undefined) => (v ?? 0).toFixed(2).replace("-", "−");

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const localTime = (iso: string) => timeFormat.format(new Date(iso));
export const localDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** yyyy-mm-dd of a date in the browser's time zone (the value of an <input type="date">). */
export function localDay(date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** A local calendar day as the instants [from, to) the history endpoint filters by; null for a malformed day. */
export function dayRange(day: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(start.getTime())) return null;
  const end = new Date(start);
  end.setDate(end.getDate() + 1); // a calendar day, which is 23 or 25 hours across a DST change
  return { from: start.toISOString(), to: end.toISOString() };
}

/** "4 min 05 s" for a play's length; null while it plays. */
export function playLength(startedAt: string, endedAt: string | null | undefined): string | null {
  if (!endedAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, "0")} s` : `${seconds} s`;
}

export const tagUrl = (code: string, origin = window.location.origin) => `${origin}/p/${encodeURIComponent(code)}`;
