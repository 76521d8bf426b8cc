import { useState, type FormEvent } from "react";
import type { Problem } from "../lib/problem";
import { submit } from "../lib/submit";

type Call<T> = () => Promise<{ data?: T; error?: unknown; response: Response }>;

/** A form's submit: busy while the call runs, then either `onDone(data)` or the Problem to show (fields included). */
export function useFormSubmit<T>(call: Call<T>, onDone: (data: T) => void | Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await submit(call);
    setBusy(false);
    if ("problem" in result) setProblem(result.problem);
    else await onDone(result.data);
  };
  const fieldErrors = problem?.fieldErrors ?? {};
  /** The problem when no field carries it, so the form shows it as a whole. */
  const formProblem = problem && Object.keys(fieldErrors).length === 0 ? problem : null;
  return { busy, problem, fieldErrors, formProblem, onSubmit };
}
