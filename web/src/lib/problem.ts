// Reading the API's RFC 9457 ProblemDetails (with `errors` by field) into what a form or a button shows.

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  /** Messages by field name in camelCase as the API names them (e.g. `email`, `password`). */
  fieldErrors: Record<string, string[]>;
  /** Seconds until a retry may succeed (429's Retry-After), when given. */
  retryAfterSeconds?: number;
}

/** Turns an error body and response into a Problem; a network failure (no response) is status 0. */
export function toProblem(body: unknown, response?: Response): Problem {
  const b = (body ?? {}) as { title?: string; detail?: string; status?: number; errors?: Record<string, string[]> };
  const status = response?.status ?? b.status ?? 0;
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(b.errors ?? {})) {
    const name = key.length ? key[0].toLowerCase() + key.slice(1) : key;
    fieldErrors[name] = messages;
  }
  const retryAfterSeconds = parseRetryAfter(response?.headers.get("Retry-After") ?? null);
  return { status, title: b.title ?? defaultTitle(status), detail: b.detail, fieldErrors, retryAfterSeconds };
}

export function networkProblem(): Problem {
  return { status: 0, title: "Can't reach Soundscape right now.", fieldErrors: {} };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function defaultTitle(status: number): string {
  if (status === 0) return "Can't reach Soundscape right now.";
  if (status === 429) return "Too many tries.";
  if (status >= 500) return "Something went wrong on our side.";
  return "That didn't work.";
}

/** A sentence for a problem shown outside a form (fields included when the form cannot show them). */
export function describe(problem: Problem): string {
  if (problem.status === 429) {
    return problem.retryAfterSeconds !== undefined
      ? `Too many tries. Try again in ${formatWait(problem.retryAfterSeconds)}.`
      : "Too many tries. Try again in a little while.";
  }
  return problem.detail ? `${problem.title} ${problem.detail}` : problem.title;
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
