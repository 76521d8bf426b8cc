import { useEffect, useState } from "react";
import { loadSession, onSessionChange, type StoredSession } from "./session";

/** The stored session, re-rendering when it changes (sign-in, refresh, sign-out, expiry). */
export function useSession(): StoredSession | null {
  const [session, setSession] = useState(loadSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}
