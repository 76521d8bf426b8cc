// The admin area of the console: its pages and its navigation entries (see ../areas.ts).
import { Layers, Library, ShieldCheck } from "lucide-react";
import type { ConsoleArea } from "../areas";
import { LibraryPage } from "./LibraryPage";
import { MixesPage } from "./MixesPage";
import { RolesPage } from "./RolesPage";
import { SoundDetailPage } from "./SoundDetailPage";

export const adminArea: ConsoleArea = {
  routes: [
    { path: "library", element: <LibraryPage /> },
    { path: "library/:id", element: <SoundDetailPage /> },
    { path: "mixes", element: <MixesPage /> },
    { path: "roles", element: <RolesPage /> },
  ],
  nav: [
    { to: "library", label: "Library", icon: Library, roles: ["admin"] },
    // Listeners make their own mixes here too.
    { to: "mixes", label: "Mixes", icon: Layers, roles: ["listener", "manager", "admin"] },
    { to: "roles", label: "Roles", icon: ShieldCheck, roles: ["admin"] },
  ],
};
