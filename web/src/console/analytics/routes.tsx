// The analytics area of the console: its pages and its navigation entries (see ../areas.ts). The pages are loaded
// lazily, so the chart library never weighs on the listener's room page.
import { lazy, Suspense, type ReactNode } from "react";
import { ChartLine } from "lucide-react";
import type { ConsoleArea } from "../areas";

const AnalyticsPage = lazy(() => import("./AnalyticsPage"));
const AnalyticsPlayerPicker = lazy(() => import("./AnalyticsPlayerPicker"));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted" role="status">Loading analytics…</p>}>{children}</Suspense>;
}

export const analyticsArea: ConsoleArea = {
  routes: [
    { path: "analytics", element: <Loading><AnalyticsPlayerPicker /></Loading> },
    { path: "players/:id/analytics", element: <Loading><AnalyticsPage /></Loading> },
  ],
  nav: [{ to: "analytics", label: "Analytics", icon: ChartLine, roles: ["manager", "admin"] }],
};
