import { useEffect } from "react";
import { Link, Route, Routes, useLocation, useNavigate } from "react-router";
import { setAuthExpiredHandler } from "./api/client";
import { useSession } from "./auth/useSession";
import { AudioLines, LayoutDashboard, User } from "./components/icons";
import { ConsoleLayout } from "./console/ConsoleLayout";
import { AuthPage } from "./pages/AuthPage";
import { HomePage } from "./pages/HomePage";
import { MePage } from "./pages/MePage";
import { NotFound } from "./pages/NotFound";
import { TagPage } from "./pages/TagPage";

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const here = location.pathname + location.search;

  // A request still unauthorised after one refresh: sign in again, then come back here.
  useEffect(() => {
    setAuthExpiredHandler(() => {
      if (location.pathname.startsWith("/signin")) return;
      navigate(`/signin?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate, here, location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link btn" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand">
          <AudioLines size={24} aria-hidden="true" /> Soundscape
        </Link>
        <nav aria-label="Account">
          {session && !session.isAnonymous && (
            <Link to="/console" className="btn btn-quiet">
              <LayoutDashboard size={18} aria-hidden="true" /> Console
            </Link>
          )}
          {session ? (
            <Link to="/me" className="btn btn-quiet">
              <User size={18} aria-hidden="true" /> {session.isAnonymous ? "Guest" : "Me"}
            </Link>
          ) : (
            <Link to={`/signin?next=${encodeURIComponent(here)}`} className="btn btn-quiet">Sign in</Link>
          )}
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/p/:code" element={<TagPage />} />
          <Route path="/signin" element={<AuthPage mode="signin" />} />
          <Route path="/signup" element={<AuthPage mode="signup" />} />
          <Route path="/me" element={<MePage />} />
          <Route path="/console/*" element={<ConsoleLayout />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  );
}
