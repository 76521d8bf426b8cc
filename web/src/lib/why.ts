// The engine's explanation of a queued item ("why") in plain words, without ever describing one listener's taste.
import type { Taste, Why } from "../api/types";
import { leadingAxes, listWords } from "./taste";

export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? "an hour ago" : `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/**
 * Words for why an item was chosen. `roomTaste` is the room's collective taste as the API shows it (null below the
 * privacy threshold); the lean is named only from that, never from the listener count alone.
 */
export function explainWhy(why: Why | null | undefined, roomTaste: Taste | null | undefined, now = Date.now()): string {
  if (!why) return "Chosen by the room's player.";
  const parts: string[] = [];
  const listeners = why.listeners ?? 0;
  if (why.fallback) {
    parts.push(fallbackWords(why.fallback, listeners));
  } else if (listeners > 0) {
    const lean = roomTaste ? leadingAxes(roomTaste).map((a) => a) : [];
    const who = listeners === 1 ? "the listener here" : `the ${listeners} listeners here`;
    if (lean.length > 0) parts.push(`${capital(who)} lean to ${listWords(lean)}`);
    else parts.push(`Picked for ${who}`);
    const similarity = why.similarity ?? 0;
    if (similarity >= 0.8) parts.push("a close match");
    else if (similarity >= 0.5) parts.push("a fair match");
  } else {
    parts.push("Nobody has checked in yet, so the room plays its own mood");
  }
  if (why.lastPlayedAt) {
    const ranked = (why.penalty ?? 0) > 0.01 ? ", so ranked lower" : "";
    parts.push(`played ${ago(why.lastPlayedAt, now)}${ranked}`);
  }
  return `${parts.join("; ")}.`;
}

function fallbackWords(fallback: string, listeners: number): string {
  const f = fallback.toLowerCase();
  if (f === "room") return "The room's own mood, while the taste of the people here forms";
  if (f.includes("default")) return "The room's own default mood (not enough taste here yet)";
  if (f.includes("popular")) return "A favourite here while the room's taste forms";
  if (f.includes("random") || f.includes("any")) return "A gentle pick from the library while the room warms up";
  return listeners > 0 ? `Chosen as a fallback (${fallback})` : `Chosen as a fallback (${fallback}) while nobody is here`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
