// Entering the code a player device shows (issue 17): the manager's half of pairing by code. Not routed yet: the
// console's manager area places it on a player's page (and may pass ?code= from the device's verification link).
import { useState } from "react";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { Check, KeyRound } from "../../components/icons";
import { useFormSubmit } from "../../hooks/useFormSubmit";
import { describe } from "../../lib/problem";

const ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

/** Upper case, the separator placed after four letters, anything outside the code's alphabet kept (the API names it). */
export function formatUserCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[\s-]/g, "").slice(0, 8);
  return letters.length > 4 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

/** True when the code has 8 letters of the alphabet the devices use. */
export function isCompleteUserCode(code: string): boolean {
  const letters = code.replace("-", "");
  return letters.length === 8 && [...letters].every((c) => ALPHABET.includes(c));
}

interface Props {
  playerId: string;
  playerName: string;
  /** A code from the device's link (?code=XXXX-XXXX), filled in for the manager to confirm. */
  initialCode?: string;
  onPaired?: () => void;
}

export function PairDeviceForm({ playerId, playerName, initialCode = "", onPaired }: Props) {
  const [code, setCode] = useState(formatUserCode(initialCode));
  const [paired, setPaired] = useState(false);
  const { busy, fieldErrors, formProblem, onSubmit } = useFormSubmit(
    () => api.POST("/api/players/{id}/pairing", { params: { path: { id: playerId } }, body: { userCode: code } }),
    () => {
      setPaired(true);
      onPaired?.();
    },
  );
  const titleId = `pair-${playerId}`;
  return (
    <section className="card stack pair-device" aria-labelledby={titleId}>
      <div className="stack-sm">
        <h2 id={titleId} className="row"><KeyRound size={20} aria-hidden="true" /> Pair a device with {playerName}</h2>
        <p className="small muted">
          Switch the device on: it shows an 8-letter code in its log and status file. Entering it here gives the device
          this player&apos;s key. A device that used this player before stops at once.
        </p>
      </div>
      {paired ? (
        <Notice role="status">
          <p className="row"><Check size={18} aria-hidden="true" /> Paired. The device starts playing within a few seconds.</p>
        </Notice>
      ) : (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <Field label="Code shown on the device" hint="8 letters, like BCDF-GHJK." value={code} autoComplete="off" autoCapitalize="characters"
            spellCheck={false} inputMode="text" maxLength={9} className="pair-code" onChange={(e) => setCode(formatUserCode(e.target.value))}
            errors={fieldErrors.userCode} />
          {formProblem && (
            <Notice tone="danger" role="alert"><p>{formProblem.status === 404 ? "This player is not one you manage." : describe(formProblem)}</p></Notice>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy || !isCompleteUserCode(code)}>{busy ? "Pairing…" : "Pair device"}</button>
        </form>
      )}
    </section>
  );
}
