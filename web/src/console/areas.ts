// The console's areas. Each area (manager, admin, analytics) owns its folder and exports its routes and its
// navigation entries from its own `routes.tsx`, so the areas grow without editing one shared file.
import type { ReactElement } from "react";
import type { LucideIcon } from "lucide-react";

export type ConsoleRole = "manager" | "admin" | "listener";

export interface ConsoleRoute {
  /** Relative to /console, e.g. "players/:id". An empty path is the console's index page. */
  path: string;
  element: ReactElement;
}

export interface ConsoleNavItem {
  /** Relative to /console. */
  to: string;
  label: string;
  icon: LucideIcon;
  /** Who sees the link. Hiding a link is a courtesy: the API refuses the wrong role's calls. */
  roles: ConsoleRole[];
}

export interface ConsoleArea {
  routes: ConsoleRoute[];
  nav: ConsoleNavItem[];
}
