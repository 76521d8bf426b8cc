import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../api/client";
import { Notice } from "../../components/Notice";
import { toProblem } from "../../lib/problem";
import { DeleteSound } from "./DeleteSound";
import { EmbeddingEditor } from "./EmbeddingEditor";
import { formatDuration } from "./SoundList";
import type { Sound } from "./types";

/** /console/library/:id: the sound's embedding (override and reset), a preview, and delete. */
export function SoundDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const [sound, setSound] = useState<Sound | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    void api.GET("/api/sounds/{id}", { params: { path: { id } } }).then(({ data }) => {
      if (!live) return;
      if (data) setSound(data);
      else setMissing(true);
    });
    return () => { live = false; };
  }, [id]);

  const override = useCallback(async (embedding: Record<string, number>) => {
    const { data, error, response } = await api.PATCH("/api/sounds/{id}", {
      params: { path: { id } },
      body: { embedding: embedding as { rain: number; wind: number; fire: number; thunder: number; waves: number } },
    });
    if (data) { setSound(data); return null; }
    return toProblem(error, response);
  }, [id]);
  const reset = useCallback(async () => {
    const { data, error, response } = await api.DELETE("/api/sounds/{id}/embedding-override", { params: { path: { id } } });
    if (data) { setSound(data); return null; }
    return toProblem(error, response);
  }, [id]);

  if (missing) return <Notice tone="danger" role="alert"><p>This sound is not in the library. <Link to="/console/library">Back to the library</Link></p></Notice>;
  if (!sound) return <p className="muted" role="status">Loading the sound…</p>;
  return (
    <section className="stack">
      <p><Link to="/console/library">← Library</Link></p>
      <h1 className="title-xl">{sound.title}</h1>
      <p className="muted">{sound.artist ? `${sound.artist} · ` : ""}{sound.type} · {formatDuration(sound.durationSeconds ?? 0)}</p>
      <section className="card stack-sm" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        {/* The element asks for byte ranges itself; the audio is public to read (docs/decisions.md). */}
        <audio controls preload="metadata" src={`/api/sounds/${sound.id}/audio`} data-testid="preview-audio" className="preview-audio">
          Your browser cannot play this preview.
        </audio>
      </section>
      <EmbeddingEditor
        embedding={sound.embedding}
        calculated={sound.calculatedEmbedding}
        overridden={!!sound.embeddingOverridden}
        onOverride={override}
        onReset={reset}
      />
      <DeleteSound soundId={sound.id!} title={sound.title ?? ""} onDeleted={() => navigate("/console/library", { replace: true })} />
    </section>
  );
}
