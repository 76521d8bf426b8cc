import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { allPages } from "../../api/allPages";
import { useSession } from "../../auth/useSession";
import { Field } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { describe, toProblem } from "../../lib/problem";
import { LayerEditor, newLayer, type SoundOption } from "./LayerEditor";
import { MixPreviewButton } from "./MixPreviewButton";
import { MAX_NAME_LENGTH, validateMix, type LayerDraft } from "./mixLimits";
import type { Mix } from "./types";

/** /console/mixes: everyone's public mixes and your own; make a new one or change one of yours. */
export function MixesPage() {
  const session = useSession();
  const [sounds, setSounds] = useState<SoundOption[]>([]);
  const [mixes, setMixes] = useState<Mix[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [isPublic, setIsPublic] = useState(false);
  const [layers, setLayers] = useState<LayerDraft[]>(() => [newLayer()]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void allPages((page, pageSize) => api.GET("/api/sounds", { params: { query: { page, pageSize } } })).then(({ data }) =>
      setSounds((data?.items ?? []).map((s) => ({ id: s.id!, title: s.title ?? "" }))));
  }, []);
  useEffect(() => {
    void allPages((page, pageSize) => api.GET("/api/mixes", { params: { query: { page, pageSize } } })).then(({ data }) =>
      setMixes(data?.items ?? []));
  }, [version]);

  const startNew = () => {
    setEditing(null); setName(""); setIsPublic(false); setLayers([newLayer()]); setErrors({}); setMessage(null);
  };
  const edit = (mix: Mix) => {
    setEditing(mix.id!); setName(mix.name ?? ""); setIsPublic(!!mix.isPublic); setErrors({}); setMessage(null);
    setLayers((mix.layers ?? []).map((l) => ({ ...newLayer(l.soundId), volume: l.volume ?? 0, loop: !!l.loop, delaySeconds: l.delaySeconds ?? 0 })));
  };

  const save = async () => {
    const local = validateMix(name, layers);
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    const body = {
      name: name.trim(),
      isPublic,
      layers: layers.map((l) => ({ soundId: l.soundId, volume: l.volume, loop: l.loop, delaySeconds: l.delaySeconds })),
    };
    const result = editing
      ? await api.PATCH("/api/mixes/{id}", { params: { path: { id: editing } }, body })
      : await api.POST("/api/mixes", { body });
    setBusy(false);
    if (result.data) {
      setEditing(result.data.id!);
      setMessage({ tone: "ok", text: editing ? "Mix saved." : "Mix created." });
      setVersion((v) => v + 1);
    } else {
      const problem = toProblem(result.error, result.response);
      setErrors(problem.fieldErrors);
      setMessage({ tone: "danger", text: Object.keys(problem.fieldErrors).length ? "The API refused some fields; see below." : describe(problem) });
    }
  };

  const mine = mixes.filter((m) => m.creatorId === session?.userId);
  const others = mixes.filter((m) => m.creatorId !== session?.userId);
  const previewable = layers.every((l) => l.soundId) && Object.keys(validateMix(name || "x", layers)).length === 0;

  return (
    <section className="stack">
      <h1 className="title-xl">Mixes</h1>
      <div className="console-split">
        <section className="card stack" aria-labelledby="mix-editor-heading">
          <div className="sound-row">
            <h2 id="mix-editor-heading">{editing ? "Change your mix" : "A new mix"}</h2>
            {editing && <button type="button" className="btn btn-quiet" onClick={startNew}>Start a new mix</button>}
          </div>
          <Field label="Name" value={name} maxLength={MAX_NAME_LENGTH} errors={errors.name} onChange={(e) => setName(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} /> Public (players may choose it; others can see it)
          </label>
          <LayerEditor layers={layers} sounds={sounds} errors={errors} onChange={setLayers} />
          <MixPreviewButton layers={layers} disabled={!previewable} />
          {message && (message.tone === "ok"
            ? <p role="status" className="upload-ok">{message.text}</p>
            : <Notice tone="danger" role="alert"><p>{message.text}</p></Notice>)}
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
              {editing ? "Save mix" : "Create mix"}
            </button>
          </div>
        </section>
        <section className="card stack" aria-labelledby="mix-list-heading">
          <h2 id="mix-list-heading">Your mixes</h2>
          {mine.length === 0 && <p className="muted">None yet.</p>}
          <ul className="list">
            {mine.map((m) => (
              <li key={m.id} className="list-item">
                <div className="sound-row">
                  <button type="button" className="btn btn-quiet" onClick={() => edit(m)}>{m.name}</button>
                  <span className="small muted">{m.layers?.length ?? 0} layers · {m.isPublic ? "public" : "private"}</span>
                </div>
              </li>
            ))}
          </ul>
          <h2>Public mixes</h2>
          {others.length === 0 && <p className="muted">None from others yet.</p>}
          <ul className="list">
            {others.map((m) => (
              <li key={m.id} className="list-item">
                <div className="sound-row"><span>{m.name}</span><span className="small muted">{m.layers?.length ?? 0} layers</span></div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
