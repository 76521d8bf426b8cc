// The manager area of the console: its pages and its navigation entries (see ../areas.ts).
import { KeyRound, Radio } from "lucide-react";
import type { ConsoleArea } from "../areas";
import { FleetPage } from "./FleetPage";
import { PairPage } from "./PairPage";
import { PlayerPage } from "./PlayerPage";
import { TagSheet } from "./TagSheet";

export const managerArea: ConsoleArea = {
  routes: [
    { path: "players", element: <FleetPage /> },
    { path: "players/:id", element: <PlayerPage /> },
    { path: "players/:id/tag", element: <TagSheet /> },
    { path: "pair", element: <PairPage /> },
  ],
  nav: [
    { to: "players", label: "Players", icon: Radio, roles: ["manager", "admin"] },
    { to: "pair", label: "Pair a device", icon: KeyRound, roles: ["manager", "admin"] },
  ],
};
