// The period an analytics page shows: the last 7 or 30 days up to now, or a custom range of whole days (UTC).

export type PeriodChoice = "7d" | "30d" | "custom";

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `days` days ending at `now`, as ISO 8601 instants (minutes truncated so repeated clicks share a URL). */
export function lastDays(days: number, now: Date = new Date()): Period {
  const to = new Date(Math.floor(now.getTime() / 60000) * 60000);
  return { from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString() };
}

/** A custom range from two `yyyy-mm-dd` dates, both days included. */
export function dayRange(fromDay: string, toDay: string): Period {
  const from = new Date(`${fromDay}T00:00:00Z`);
  const to = new Date(new Date(`${toDay}T00:00:00Z`).getTime() + DAY_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** `yyyy-mm-dd` of an ISO instant, in UTC. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
