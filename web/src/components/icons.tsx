// The one icon set: lucide-react, re-exported with the axes' icons in one place. Icons are decorative
// (aria-hidden) unless a button has no visible text, where the button carries the label.
import { CloudLightning, CloudRain, Flame, Waves, Wind, type LucideIcon } from "lucide-react";
import type { Axis } from "../lib/taste";

export {
  ArrowDown, ArrowUp, AudioLines, Check, Info, KeyRound, Layers, LayoutDashboard, LogIn, LogOut, Music, RefreshCw, Sparkles, Star,
  ThumbsDown, ThumbsUp, TriangleAlert, User, Users, WifiOff,
} from "lucide-react";

export const AXIS_ICON: Record<Axis, LucideIcon> = {
  rain: CloudRain,
  wind: Wind,
  fire: Flame,
  thunder: CloudLightning,
  waves: Waves,
};
