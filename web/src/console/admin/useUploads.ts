import { useCallback, useRef, useState } from "react";
import type { Problem } from "../../lib/problem";
import type { Sound } from "./types";
import { titleFromFileName, uploadSound } from "./uploadSound";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** 0..1 sent. */
  progress: number;
  state: "waiting" | "sending" | "added" | "failed";
  sound?: Sound;
  problem?: Problem;
  existingSoundId?: string;
}

/** Parallel uploads (three at a time): each file keeps its own progress and its own result. */
export function useUploads(onAdded: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const counter = useRef(0);
  const patch = useCallback((key: string, change: Partial<UploadItem>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i))), []);

  const add = useCallback(async (files: File[]) => {
    const batch = files.map((file) => ({ file, key: `u${++counter.current}` }));
    setItems((all) => [...batch.map(({ file, key }) => ({ key, name: file.name, size: file.size, progress: 0, state: "waiting" as const })), ...all]);
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const { file, key } = batch[next++];
        patch(key, { state: "sending" });
        const outcome = await uploadSound(file, titleFromFileName(file.name), { onProgress: (progress) => patch(key, { progress }) });
        if (outcome.ok) {
          patch(key, { state: "added", progress: 1, sound: outcome.sound });
          onAdded();
        } else {
          patch(key, { state: "failed", problem: outcome.problem, existingSoundId: outcome.existingSoundId });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(3, batch.length) }, worker));
  }, [onAdded, patch]);

  const clear = useCallback(() => setItems((all) => all.filter((i) => i.state === "waiting" || i.state === "sending")), []);
  return { items, add, clear };
}
