import { networkProblem, toProblem, type Problem } from "./problem";

/** Runs an openapi-fetch call and gives either its data or a Problem (network failure included). */
export async function submit<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T } | { problem: Problem }> {
  try {
    const { data, error, response } = await call();
    if (response.ok) return { data: data as T };
    return { problem: toProblem(error, response) };
  } catch {
    return { problem: networkProblem() };
  }
}
