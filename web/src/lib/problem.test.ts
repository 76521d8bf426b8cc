import { expect, test } from "vitest";
import { describe as describeProblem, parseRetryAfter, toProblem } from "./problem";

test("field errors are keyed by the API's camelCase names", () => {
  const p = toProblem({ title: "Invalid", errors: { Email: ["Not an e-mail."], "password": ["Too short."] } }, new Response(null, { status: 400 }));
  expect(p.status).toBe(400);
  expect(p.fieldErrors).toEqual({ email: ["Not an e-mail."], password: ["Too short."] });
});

test("Retry-After in seconds or as an HTTP date gives the wait", () => {
  expect(parseRetryAfter("30")).toBe(30);
  expect(parseRetryAfter("Thu, 03 Dec 2026 12:02:00 GMT", Date.parse("2026-12-03T12:00:00Z"))).toBe(120);
  expect(parseRetryAfter(null)).toBeUndefined();
  expect(parseRetryAfter("soon")).toBeUndefined();
});

test("a 429 says when to try again", () => {
  const p = toProblem({ title: "Too many" }, new Response(null, { status: 429, headers: { "Retry-After": "90" } }));
  expect(describeProblem(p)).toBe("Too many tries. Try again in 2 minutes.");
  const q = toProblem({}, new Response(null, { status: 429, headers: { "Retry-After": "12" } }));
  expect(describeProblem(q)).toBe("Too many tries. Try again in 12 s.");
});
