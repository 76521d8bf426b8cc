// The one API client: typed by the generated schema, with the access token attached and one refresh on 401.
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { clearSession, loadSession, saveTokens } from "../auth/session";

type AuthExpiredHandler = () => void;
let onAuthExpired: AuthExpiredHandler = () => {};

/** Called (once per failure) when a request stays 401 after a refresh: the app leads the person to sign in. */
export function setAuthExpiredHandler(handler: AuthExpiredHandler): void {
  onAuthExpired = handler;
}

let refreshing: Promise<boolean> | null = null;

/** Exchanges the stored refresh token for new tokens; concurrent callers share one request (rotation is single-use). */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = loadSession();
    if (!session?.refreshToken) return false;
    try {
      const response = await fetch(url("/api/auth/refresh"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!response.ok) {
        if (response.status === 401 || response.status === 400) clearSession();
        return false;
      }
      saveTokens(await response.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function url(path: string): string {
  return new URL(path, window.location.origin).toString();
}

const isAuthPath = (u: string) => /\/api\/auth\/(token|signup|guest|refresh|sign-out)$/.test(new URL(u).pathname);

async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const session = loadSession();
  if (session?.accessToken && !input.headers.has("Authorization")) {
    input.headers.set("Authorization", `Bearer ${session.accessToken}`);
  }
  const response = await fetch(input);
  if (response.status !== 401 || isAuthPath(input.url) || !session) return response;
  if (await refreshTokens()) {
    const fresh = loadSession();
    retry.headers.set("Authorization", `Bearer ${fresh?.accessToken ?? ""}`);
    const second = await fetch(retry);
    if (second.status !== 401) return second;
  }
  clearSession();
  onAuthExpired();
  return response;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authFetch });
