// The signed-in person's tokens, kept in localStorage so a reload or a new tab stays signed in.
import type { AuthTokens } from "../api/types";

export interface StoredSession {
  userId: string;
  accessToken: string;
  refreshToken: string;
  isAnonymous: boolean;
  /** Epoch milliseconds after which the access token is treated as expired. */
  expiresAt: number;
}

const KEY = "soundscape.session";
type Listener = (session: StoredSession | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: AuthTokens): StoredSession {
  const session: StoredSession = {
    userId: tokens.userId ?? "",
    accessToken: tokens.accessToken ?? "",
    refreshToken: tokens.refreshToken ?? "",
    isAnonymous: tokens.isAnonymous ?? false,
    expiresAt: Date.now() + (tokens.expiresIn ?? 3600) * 1000,
  };
  localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
