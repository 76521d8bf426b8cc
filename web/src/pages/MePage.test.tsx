import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { loadSession } from "../auth/session";
import { FIRE, profile, tokens } from "../test/fixtures";
import { json, mockApi, problem } from "../test/mockApi";
import { renderApp } from "../test/render";

const taste = { rain: 0.1, wind: 0, fire: 0.6, thunder: 0, waves: 0.2 };
const votes = (page: number) => ({
  items: Array.from({ length: page === 1 ? 10 : 2 }, (_, i) => ({ id: `v${page}-${i}`, soundId: FIRE, soundTitle: `Sound ${page}-${i}`, reaction: "like", createdAt: "2026-12-03T10:00:00Z" })),
  page, pageSize: 10, total: 12,
});

test("a guest keeps their taste: the credentials are attached and the page shows the same taste, now with an e-mail", async () => {
  let upgraded = false;
  const api = mockApi({
    "GET /api/me": () => json(profile(upgraded ? { isAnonymous: false, email: "ada@example.com", tasteVector: taste, voteCount: 5 } : { tasteVector: taste, voteCount: 5 })),
    "GET /api/me/votes": () => json(votes(1)),
    "POST /api/me/credentials": () => ((upgraded = true), json({ ...tokens(false), accessToken: "access-kept" })),
  });
  const { user } = renderApp("/me", { signedIn: true });
  const keep = await screen.findByRole("region", { name: "Keep my taste" });
  await user.type(within(keep).getByLabelText("E-mail"), "ada@example.com");
  await user.type(within(keep).getByLabelText("Password"), "long-enough");
  await user.click(within(keep).getByRole("button", { name: "Keep my taste" }));
  expect(await screen.findByText("ada@example.com")).toBeInTheDocument();
  expect(screen.queryByRole("region", { name: "Keep my taste" })).not.toBeInTheDocument();
  expect(api.callsTo("POST", "/api/me/credentials")[0].body).toEqual({ email: "ada@example.com", password: "long-enough" });
  expect(loadSession()).toMatchObject({ accessToken: "access-kept", isAnonymous: false, userId: tokens().userId });
  const bars = screen.getByRole("list", { name: "My taste by sound" });
  expect(within(bars).getAllByRole("listitem")[2]).toHaveTextContent("Fire60%");
});

test("an e-mail that is taken is reported on the form", async () => {
  mockApi({
    "GET /api/me": () => json(profile()),
    "GET /api/me/votes": () => json({ items: [], total: 0 }),
    "POST /api/me/credentials": () => new Response(JSON.stringify({ status: 409, title: "Conflict", detail: "That e-mail already has an account." }), { status: 409 }),
  });
  const { user } = renderApp("/me", { signedIn: true });
  const keep = await screen.findByRole("region", { name: "Keep my taste" });
  await user.type(within(keep).getByLabelText("E-mail"), "taken@example.com");
  await user.click(within(keep).getByRole("button", { name: "Keep my taste" }));
  expect(await within(keep).findByRole("alert")).toHaveTextContent("That e-mail already has an account.");
});

test("my votes are paged", async () => {
  const api = mockApi({ "GET /api/me": () => json(profile({ voteCount: 12 })), "GET /api/me/votes": (c) => json(votes(c.path.includes("page=2") ? 2 : 1)) });
  const { user } = renderApp("/me", { signedIn: true });
  const list = await screen.findByTestId("my-votes");
  expect(within(list).getAllByRole("listitem")).toHaveLength(10);
  expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Older" }));
  expect(await screen.findByText("Sound 2-1")).toBeInTheDocument();
  expect(api.callsTo("GET", "/api/me/votes?page=2")).toHaveLength(1);
  expect(screen.getByRole("button", { name: "Older" })).toBeDisabled();
});

test("the display name is changed, and field errors show by the field", async () => {
  mockApi({
    "GET /api/me": () => json(profile({ displayName: "Old" })),
    "GET /api/me/votes": () => json({ items: [], total: 0 }),
    "PATCH /api/me": (c) => ((c.body as { displayName: string }).displayName.length > 5
      ? problem(400, "Invalid", { displayName: ["At most 5 characters."] })
      : json(profile({ displayName: (c.body as { displayName: string }).displayName }))),
  });
  const { user } = renderApp("/me", { signedIn: true });
  const input = await screen.findByLabelText("Name shown to staff");
  await user.clear(input);
  await user.type(input, "Much too long");
  await user.click(screen.getByRole("button", { name: "Save name" }));
  await waitFor(() => expect(input).toHaveAccessibleDescription("At most 5 characters."));
  await user.clear(input);
  await user.type(input, "Ada");
  await user.click(screen.getByRole("button", { name: "Save name" }));
  expect(await screen.findByRole("heading", { name: "Ada" })).toBeInTheDocument();
});

test("signing out revokes the refresh token and forgets the session", async () => {
  const api = mockApi({ "GET /api/me": () => json(profile()), "GET /api/me/votes": () => json({ items: [], total: 0 }), "POST /api/auth/sign-out": () => new Response(null, { status: 204 }) });
  const { user } = renderApp("/me", { signedIn: true });
  await user.click(await screen.findByRole("button", { name: "Sign out" }));
  await waitFor(() => expect(loadSession()).toBeNull());
  expect(api.callsTo("POST", "/api/auth/sign-out")[0].body).toEqual({ refreshToken: "refresh-1" });
  expect(await screen.findByRole("heading", { name: "Ambient sound, shaped by the room" })).toBeInTheDocument();
});
