import { useEffect, useRef, useState } from "react";
import { Play, Square } from "lucide-react";
import { startMixPreview, type MixPreview, type PreviewLayer } from "./mixPreview";

/** Plays the layers in the browser as the device would mix them, with a stop button. */
export function MixPreviewButton({ layers, disabled }: { layers: PreviewLayer[]; disabled?: boolean }) {
  const [state, setState] = useState<"idle" | "loading" | "playing" | "failed">("idle");
  const [error, setError] = useState<string | null>(null);
  const preview = useRef<MixPreview | null>(null);
  useEffect(() => () => preview.current?.stop(), []);

  const play = async () => {
    setState("loading");
    setError(null);
    try {
      const p = await startMixPreview(layers);
      preview.current = p;
      setState("playing");
      void p.ended.then(() => { if (preview.current === p) { preview.current = null; setState("idle"); } });
    } catch (e) {
      setState("failed");
      setError(e instanceof Error ? e.message : "The preview could not start.");
    }
  };
  const stop = () => {
    preview.current?.stop();
    preview.current = null;
    setState("idle");
  };

  return (
    <div className="row" data-testid="mix-preview" data-state={state}>
      {state === "playing" ? (
        <button type="button" className="btn" onClick={stop}><Square size={16} aria-hidden="true" /> Stop preview</button>
      ) : (
        <button type="button" className="btn" disabled={disabled || state === "loading"} onClick={() => void play()}>
          <Play size={16} aria-hidden="true" /> {state === "loading" ? "Loading the layers…" : "Preview in the browser"}
        </button>
      )}
      <span role="status" className="small muted">
        {state === "playing" ? "Playing the preview." : state === "failed" ? error : ""}
      </span>
    </div>
  );
}
