import { useState } from "react";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { useFormSubmit } from "../../hooks/useFormSubmit";
import { describe } from "../../lib/problem";
import type { ManagedPlayer } from "./types";

/** Rename a player and change its check-in code; a code another player uses (409) is shown on the code field. */
export function PlayerSettingsForm({ player, onSaved }: { player: ManagedPlayer; onSaved: (p: ManagedPlayer) => void }) {
  const [name, setName] = useState(player.name ?? "");
  const [code, setCode] = useState(player.checkinCode ?? "");
  const [saved, setSaved] = useState(false);
  const changes = {
    name: name !== player.name ? name : null,
    checkinCode: code !== player.checkinCode ? code.trim() : null,
  };
  const { busy, problem, fieldErrors, formProblem, onSubmit } = useFormSubmit(
    () => {
      setSaved(false);
      return api.PATCH("/api/players/{id}", { params: { path: { id: player.id! } }, body: changes });
    },
    (updated) => {
      setSaved(true);
      onSaved(updated);
    },
  );
  const codeErrors = problem?.status === 409 ? ["Another player already uses this check-in code. Choose another."] : fieldErrors.checkinCode;
  const unchanged = changes.name === null && changes.checkinCode === null;
  return (
    <section className="card stack" aria-labelledby="settings-title">
      <h2 id="settings-title">Name and check-in code</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} maxLength={200} />
        <Field
          label="Check-in code"
          hint="Changing it breaks the tags already printed or written: make new ones."
          value={code}
          onChange={(e) => setCode(e.target.value)}
          errors={codeErrors}
          maxLength={64}
          autoCapitalize="none"
          spellCheck={false}
        />
        {formProblem && formProblem.status !== 409 && <Notice tone="danger" role="alert"><p>{describe(formProblem)}</p></Notice>}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || unchanged}>{busy ? "Saving…" : "Save"}</button>
          <span className="small muted" role="status">{saved && unchanged ? "Saved." : ""}</span>
        </div>
      </form>
    </section>
  );
}
