import { useState } from "react";
import { Notice } from "../../components/Notice";
import { Check, KeyRound } from "../../components/icons";

/**
 * A device key the API returns once (on create and on rotation): shown with a copy button until the manager
 * closes it. Only its hash is stored, so nothing can show it again.
 */
export function DeviceKeyReveal({ deviceKey, onDone }: { deviceKey: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(deviceKey);
      setCopied("yes");
    } catch {
      setCopied("no"); // e.g. an insecure origin: the key stays selectable
    }
  };
  return (
    <div className="stack-sm device-key" data-testid="device-key">
      <Notice tone="warn" role="status">
        <p>
          <strong>Copy this key now: it is shown only once.</strong> Put it in the player's agent configuration
          (<span className="code">Agent__DeviceKey</span>).
        </p>
      </Notice>
      <p className="row small">
        <KeyRound size={18} aria-hidden="true" /> New device key:
      </p>
      <code className="code key-text" data-testid="device-key-value">{deviceKey}</code>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {copied === "yes" ? <Check size={18} aria-hidden="true" /> : null} {copied === "yes" ? "Copied" : "Copy key"}
        </button>
        <button type="button" className="btn" onClick={onDone}>I have saved it</button>
      </div>
      <p className="small muted" role="status">
        {copied === "no" ? "Copying is not allowed here: select the key and copy it by hand." : ""}
      </p>
    </div>
  );
}
