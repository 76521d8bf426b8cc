// /console: the operator side of Soundscape Web. Managers run their players, admins curate the library; listeners
// may build their own mixes here. The layout gives every area the same navigation and the same sign-in rule.
import { NavLink, Navigate, Route, Routes, useLocation } from "react-router";
import { useSession } from "../auth/useSession";
import { Notice } from "../components/Notice";
import { adminArea } from "./admin/routes";
import { analyticsArea } from "./analytics/routes";
import type { ConsoleArea } from "./areas";
import { managerArea } from "./manager/routes";
import { useRoles } from "./useRoles";

const AREAS: ConsoleArea[] = [managerArea, analyticsArea, adminArea];

export function ConsoleLayout() {
  const session = useSession();
  const location = useLocation();
  const { roles, error } = useRoles();
  if (!session || session.isAnonymous) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  if (error) {
    return <Notice tone="danger" role="alert"><p>The console could not load your roles. Try again in a moment.</p></Notice>;
  }
  if (!roles) return <p className="muted" role="status">Loading the console…</p>;
  const nav = AREAS.flatMap((a) => a.nav).filter((n) => n.roles.some((r) => roles.includes(r)));
  return (
    <div className="console">
      <nav aria-label="Console" className="console-nav">
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink to={`/console/${item.to}`} end={item.to === ""} className="btn btn-quiet">
                <item.icon size={18} aria-hidden="true" /> {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="console-body">
        <Routes>
          {AREAS.flatMap((a) => a.routes).map((r) => (
            <Route key={r.path || "index"} path={r.path} element={r.element} index={r.path === "" ? true : undefined} />
          ))}
          <Route path="*" element={<ConsoleHome nav={nav.map((n) => n.label)} />} />
        </Routes>
      </div>
    </div>
  );
}

function ConsoleHome({ nav }: { nav: string[] }) {
  return (
    <section className="stack">
      <h1 className="title-xl">Console</h1>
      <p className="muted">{nav.length ? `Open ${nav.join(", ")} from the menu.` : "Nothing here is open to your account yet."}</p>
    </section>
  );
}
