import type { ReactNode } from "react";
import { Info, TriangleAlert } from "./icons";

export function Notice({ tone = "warn", children, role }: { tone?: "warn" | "danger"; children: ReactNode; role?: "alert" | "status" }) {
  const Icon = tone === "danger" ? TriangleAlert : Info;
  return (
    <div className={`notice${tone === "danger" ? " notice-danger" : ""}`} role={role}>
      <Icon size={18} aria-hidden="true" />
      <div className="stack-sm">{children}</div>
    </div>
  );
}
