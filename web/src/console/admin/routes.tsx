// The admin area of the console: its pages and its navigation entries (see ../areas.ts).
import type { ConsoleArea } from "../areas";

export const adminArea: ConsoleArea = {
  routes: [],
  nav: [],
};
