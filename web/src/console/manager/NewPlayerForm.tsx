import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { useFormSubmit } from "../../hooks/useFormSubmit";
import { describe } from "../../lib/problem";
import { DeviceKeyReveal } from "./DeviceKeyReveal";
import type { CreatedPlayer } from "./types";

/** Registers a player. A taken check-in code (409) is shown on the code field; the device key is shown once. */
export function NewPlayerForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [created, setCreated] = useState<CreatedPlayer | null>(null);
  const { busy, problem, fieldErrors, formProblem, onSubmit } = useFormSubmit(
    () => api.POST("/api/players", { body: { name, checkinCode: code.trim() === "" ? null : code.trim() } }),
    (player) => {
      setCreated(player);
      setName("");
      setCode("");
      onCreated();
    },
  );
  const codeErrors = problem?.status === 409 ? ["Another player already uses this check-in code. Choose another."] : fieldErrors.checkinCode;

  if (created) {
    return (
      <section className="card stack" aria-labelledby="new-player-title">
        <h2 id="new-player-title">{created.name} is ready</h2>
        <DeviceKeyReveal deviceKey={created.deviceKey ?? ""} onDone={() => setCreated(null)} />
        <p className="row">
          <Link className="btn" to={`/console/players/${created.id}`}>Open {created.name}</Link>
          <Link className="btn" to={`/console/players/${created.id}/tag`}>Print its tag</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card stack" aria-labelledby="new-player-title">
      <h2 id="new-player-title">New player</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} required maxLength={200} />
        <Field
          label="Check-in code"
          hint="Letters, digits, - or _. Leave empty for a random one. It is the end of the tag's address."
          value={code}
          onChange={(e) => setCode(e.target.value)}
          errors={codeErrors}
          maxLength={64}
          autoCapitalize="none"
          spellCheck={false}
        />
        {formProblem && formProblem.status !== 409 && (
          <Notice tone="danger" role="alert"><p>{describe(formProblem)}</p></Notice>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? "Creating…" : "Create player"}</button>
      </form>
    </section>
  );
}
