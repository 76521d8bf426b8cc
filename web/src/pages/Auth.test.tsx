import { screen, waitFor } from "@testing-library/react";
import { beforeEach, expect, test } from "vitest";
import { loadSession } from "../auth/session";
import { PLAYER, profile, roomView, tokens } from "../test/fixtures";
import { installEventSource, json, mockApi, problem } from "../test/mockApi";
import { renderApp } from "../test/render";
import { safeNext } from "./AuthPage";

beforeEach(() => installEventSource());

test("ProblemDetails field errors show next to their fields", async () => {
  mockApi({ "POST /api/auth/signup": () => problem(400, "Invalid", { email: ["'Email' is not a valid e-mail address."], Password: ["At least 8 characters."] }) });
  const { user } = renderApp("/signup");
  await user.type(screen.getByLabelText("E-mail"), "nope");
  await user.click(screen.getByRole("button", { name: "Create an account" }));
  const email = screen.getByLabelText("E-mail");
  await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
  expect(email).toHaveAccessibleDescription("'Email' is not a valid e-mail address.");
  expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters. At least 8 characters.");
});

test("a wrong password says so and stays signed out", async () => {
  mockApi({ "POST /api/auth/token": () => problem(401, "Unauthorized") });
  const { user } = renderApp("/signin");
  await user.type(screen.getByLabelText("E-mail"), "a@b.example");
  await user.type(screen.getByLabelText("Password"), "wrong-password");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("That e-mail and password don't match an account.");
  expect(loadSession()).toBeNull();
});

test("repeated failures (429) show when to try again", async () => {
  mockApi({ "POST /api/auth/token": () => problem(429, "Too many", undefined, { "Retry-After": "300" }) });
  const { user } = renderApp("/signin");
  await user.type(screen.getByLabelText("E-mail"), "a@b.example");
  await user.type(screen.getByLabelText("Password"), "whatever1");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Try again in 5 minutes.");
});

test("signing in returns to where the person was", async () => {
  mockApi({ "POST /api/auth/token": () => json(tokens(false)), "GET /api/me": () => json(profile({ isAnonymous: false, email: "a@b.example", displayName: "Ada" })),
    "GET /api/me/votes": () => json({ items: [], total: 0 }) });
  const { user } = renderApp("/signin?next=%2Fme");
  await user.type(screen.getByLabelText("E-mail"), "a@b.example");
  await user.type(screen.getByLabelText("Password"), "right-password");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("heading", { name: "Ada" })).toBeInTheDocument();
});

test("a 401 refreshes the tokens once and repeats the request with the new access token", async () => {
  const api = mockApi({
    "GET /api/me": (c) => (c.headers.get("Authorization") === "Bearer access-2" ? json(profile({ displayName: "Guest Ada" })) : problem(401, "Unauthorized")),
    "POST /api/auth/refresh": () => json({ ...tokens(), accessToken: "access-2", refreshToken: "refresh-2" }),
    "GET /api/me/votes": () => json({ items: [], total: 0 }),
  });
  renderApp("/me", { signedIn: true });
  expect(await screen.findByRole("heading", { name: "Guest Ada" })).toBeInTheDocument();
  const refreshes = api.callsTo("POST", "/api/auth/refresh");
  expect(refreshes.length).toBe(1);
  expect(refreshes[0].body).toEqual({ refreshToken: "refresh-1" });
  expect(loadSession()?.refreshToken).toBe("refresh-2");
});

test("when the refresh is refused the person is led to sign in, keeping where they were", async () => {
  mockApi({
    "GET /api/rooms/*": () => json({ playerId: PLAYER, name: "Café Lumen" }),
    "POST /api/sessions/check-in": () => problem(401, "Unauthorized"),
    "POST /api/auth/refresh": () => problem(401, "Unauthorized"),
    "GET /api/players/*/now": () => json(roomView()),
  });
  renderApp("/p/DEMO", { signedIn: true });
  expect(await screen.findByText(/Your sign-in ran out/)).toBeInTheDocument();
  expect(loadSession()).toBeNull();
  expect(screen.getByRole("link", { name: "Join as a guest instead" })).toHaveAttribute("href", "/p/DEMO");
});

test("only same-app paths are followed after sign-in", () => {
  expect(safeNext("/p/DEMO")).toBe("/p/DEMO");
  expect(safeNext("//evil.example/x")).toBe("/me");
  expect(safeNext("https://evil.example")).toBe("/me");
  expect(safeNext(null)).toBe("/me");
});
