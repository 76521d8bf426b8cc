// Upload of one audio file with progress. The generated client (fetch) cannot report upload progress, so this
// small helper uses XMLHttpRequest, with the same Bearer token and the same ProblemDetails reading.
import { loadSession } from "../../auth/session";
import { refreshTokens } from "../../api/client";
import { toProblem, type Problem } from "../../lib/problem";
import type { Sound } from "./types";

export type UploadOutcome =
  | { ok: true; sound: Sound }
  | { ok: false; problem: Problem; existingSoundId?: string };

export interface UploadOptions {
  /** Called with the fraction sent, 0..1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** POST /api/sounds (multipart: file, title). One refresh and retry on 401, as the API client does. */
export async function uploadSound(file: File, title: string, options: UploadOptions = {}): Promise<UploadOutcome> {
  let outcome = await send(file, title, options);
  if (!outcome.ok && outcome.problem.status === 401 && (await refreshTokens())) outcome = await send(file, title, options);
  return outcome;
}

function send(file: File, title: string, { onProgress, signal }: UploadOptions): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/sounds");
    const token = loadSession()?.accessToken;
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) {
        onProgress?.(1);
        resolve({ ok: true, sound: body as Sound });
        return;
      }
      const problem = toProblem(body, new Response(null, { status: xhr.status, headers: retryAfter(xhr) }));
      const existing = (body as { existingSoundId?: unknown } | undefined)?.existingSoundId;
      resolve({ ok: false, problem, existingSoundId: typeof existing === "string" ? existing : undefined });
    };
    xhr.onerror = () => resolve({ ok: false, problem: { status: 0, title: "Can't reach Soundscape right now.", fieldErrors: {} } });
    xhr.onabort = () => resolve({ ok: false, problem: { status: 0, title: "Upload cancelled.", fieldErrors: {} } });
    signal?.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("title", title);
    xhr.send(form);
  });
}

function retryAfter(xhr: XMLHttpRequest): Record<string, string> {
  const value = xhr.getResponseHeader("Retry-After");
  return value ? { "Retry-After": value } : {};
}

/** A title from a file name: without the extension, separators as spaces, at most 200 characters (the API's limit). */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^.]+$/, "").replace(/[_-]+/g, " ").trim();
  return (base || "Untitled").slice(0, 200);
}

/** What a failed upload means for the person, by status. */
export function uploadMessage(problem: Problem): string {
  switch (problem.status) {
    case 415: return "Not an audio file Soundscape can read.";
    case 413: return "Too large to upload.";
    case 409: return "Already in the library.";
    case 403: return "Only admins can add sounds.";
    case 400: return Object.values(problem.fieldErrors).flat().join(" ") || problem.title;
    default: return problem.detail ? `${problem.title} ${problem.detail}` : problem.title;
  }
}
