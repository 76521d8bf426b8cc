import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useSession } from "../auth/useSession";
import type { ConsoleRole } from "./areas";

export interface RolesState {
  /** null while loading. Everybody signed in is a listener; managers and admins have their roles on top. */
  roles: ConsoleRole[] | null;
  error: boolean;
}

/** The caller's roles from GET /api/me (the API is the authority; the token's claims may be stale). */
export function useRoles(): RolesState {
  const session = useSession();
  const [state, setState] = useState<RolesState>({ roles: null, error: false });
  useEffect(() => {
    if (!session) return;
    let live = true;
    void api.GET("/api/me").then(({ data }) => {
      if (!live) return;
      if (!data) setState({ roles: null, error: true });
      else {
        const held = (data.roles ?? []).filter((r): r is ConsoleRole => r === "manager" || r === "admin");
        setState({ roles: ["listener", ...held], error: false });
      }
    }, () => live && setState({ roles: null, error: true }));
    return () => {
      live = false;
    };
  }, [session?.userId, session]);
  return state;
}
