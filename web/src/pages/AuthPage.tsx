// Sign in and sign up. After either, the person goes back to where they were (`?next=`, an app path only).
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api/client";
import { saveTokens } from "../auth/session";
import { useSession } from "../auth/useSession";
import { Field } from "../components/Field";
import { Notice } from "../components/Notice";
import type { AuthTokens } from "../api/types";
import { useFormSubmit } from "../hooks/useFormSubmit";
import { describe } from "../lib/problem";

/** Only same-app paths are followed, so a crafted link cannot send someone elsewhere after signing in. */
export function safeNext(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/me";
}

export function AuthPage({ mode }: { mode: "signin" | "signup" }) {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const expired = params.get("expired") === "1";
  const navigate = useNavigate();
  const session = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const { busy, fieldErrors: errors, formProblem, onSubmit } = useFormSubmit<AuthTokens>(
    () => (mode === "signin"
      ? api.POST("/api/auth/token", { body: { email, password } })
      : api.POST("/api/auth/signup", { body: { email, password, displayName } })),
    (tokens) => {
      saveTokens(tokens);
      navigate(next, { replace: true });
    },
  );
  const title = mode === "signin" ? "Sign in" : "Create an account";
  const other = mode === "signin" ? "signup" : "signin";
  return (
    <section className="narrow card stack" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {expired && (
        <Notice role="status">
          <p>Your sign-in ran out. Sign in again to carry on where you were.</p>
        </Notice>
      )}
      {mode === "signup" && session?.isAnonymous && (
        <Notice>
          <p>
            You're a guest now. To keep your taste and votes, <Link to="/me#keep">add an e-mail to this guest</Link> instead.
          </p>
        </Notice>
      )}
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="E-mail" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={errors.email} required />
        <Field label="Password" type="password" autoComplete={mode === "signin" ? "current-password" : "new-password"}
          value={password} onChange={(e) => setPassword(e.target.value)} errors={errors.password}
          hint={mode === "signup" ? "At least 8 characters." : undefined} required />
        {mode === "signup" && (
          <Field label="Display name" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} errors={errors.displayName} />
        )}
        {formProblem && (
          <Notice tone="danger" role="alert">
            <p>{formProblem.status === 401 ? "That e-mail and password don't match an account." : describe(formProblem)}</p>
          </Notice>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? "One moment…" : title}
        </button>
      </form>
      <p className="small">
        {mode === "signin" ? "New here? " : "Have an account? "}
        <Link to={`/${other}?next=${encodeURIComponent(next)}`}>{mode === "signin" ? "Create an account" : "Sign in"}</Link>
        {next.startsWith("/p/") && (
          <>
            {" · "}
            <Link to={next}>Join as a guest instead</Link>
          </>
        )}
      </p>
    </section>
  );
}
