import { useState } from "react";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import { KeyRound } from "../../components/icons";
import { describe, type Problem } from "../../lib/problem";
import { submit } from "../../lib/submit";
import { DeviceKeyReveal } from "./DeviceKeyReveal";

type Step = { at: "idle" } | { at: "confirm" } | { at: "busy" } | { at: "shown"; key: string };

/** Replaces the device key after a confirmation: the old key stops at once, the new one is shown this once. */
export function DeviceKeyRotation({ playerId, playerName }: { playerId: string; playerName: string }) {
  const [step, setStep] = useState<Step>({ at: "idle" });
  const [problem, setProblem] = useState<Problem | null>(null);

  const rotate = async () => {
    setStep({ at: "busy" });
    setProblem(null);
    const result = await submit(() => api.POST("/api/players/{id}/device-key", { params: { path: { id: playerId } } }));
    if ("problem" in result) {
      setProblem(result.problem);
      setStep({ at: "idle" });
    } else setStep({ at: "shown", key: result.data.deviceKey ?? "" });
  };

  return (
    <section className="card stack" aria-labelledby="key-title">
      <h2 id="key-title">Device key</h2>
      {step.at === "idle" && (
        <>
          <p className="small muted">The player's agent signs in with this key. Rotate it when a device is lost or its key has leaked.</p>
          <div>
            <button type="button" className="btn" onClick={() => setStep({ at: "confirm" })}>
              <KeyRound size={18} aria-hidden="true" /> Rotate device key
            </button>
          </div>
        </>
      )}
      {(step.at === "confirm" || step.at === "busy") && (
        <div className="stack-sm" role="group" aria-labelledby="key-confirm">
          <Notice tone="danger">
            <p id="key-confirm">
              <strong>The old key stops working at once.</strong> {playerName} goes silent until its agent has the new key.
            </p>
          </Notice>
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={step.at === "busy"} onClick={() => void rotate()}>
              {step.at === "busy" ? "Rotating…" : "Rotate now"}
            </button>
            <button type="button" className="btn" disabled={step.at === "busy"} onClick={() => setStep({ at: "idle" })}>Cancel</button>
          </div>
        </div>
      )}
      {step.at === "shown" && <DeviceKeyReveal deviceKey={step.key} onDone={() => setStep({ at: "idle" })} />}
      {problem && <Notice tone="danger" role="alert"><p>{describe(problem)}</p></Notice>}
    </section>
  );
}
