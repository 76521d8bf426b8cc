import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, expect, test } from "vitest";
import type { RoomView } from "../api/types";
import { loadSession } from "../auth/session";
import { FIRE, PLAYER, profile, roomView, tokens } from "../test/fixtures";
import { installEventSource, json, mockApi, MockEventSource, problem } from "../test/mockApi";
import { renderApp } from "../test/render";

const roomRoutes = (view = roomView()) => ({
  "GET /api/rooms/*": () => json({ playerId: PLAYER, name: "Café Lumen" }),
  "POST /api/sessions/check-in": () => json({ sessionId: "s", playerId: PLAYER, playerName: "Café Lumen" }, 201),
  "POST /api/sessions/heartbeat": () => json({}),
  "GET /api/players/*/now": () => json(view),
  "GET /api/me": () => json(profile()),
  "GET /api/sounds": () => json({ items: [{ id: FIRE, title: "Crackling Fire" }], page: 1, pageSize: 50, total: 1 }),
});

beforeEach(() => installEventSource());

test("an unknown tag code gets a page that says so", async () => {
  mockApi({ "GET /api/rooms/*": () => problem(404, "Not Found") });
  renderApp("/p/NOPE");
  expect(await screen.findByRole("heading", { name: "We don't know this tag" })).toBeInTheDocument();
  expect(screen.getByText("NOPE")).toBeInTheDocument();
});

test("joining as a guest takes one tap, stores the tokens and checks in at the tag's room", async () => {
  const api = mockApi({ ...roomRoutes(), "POST /api/auth/guest": () => json(tokens(), 201) });
  const { user } = renderApp("/p/DEMO");
  await user.click(await screen.findByRole("button", { name: "Join as guest" }));
  expect(await screen.findByTestId("now-title")).toHaveTextContent("Steady Rain");
  expect(loadSession()).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1", isAnonymous: true });
  const checkIn = api.callsTo("POST", "/api/sessions/check-in");
  expect(checkIn).toHaveLength(1);
  expect(checkIn[0].body).toEqual({ checkinCode: "DEMO" });
  expect(checkIn[0].headers.get("Authorization")).toBe("Bearer access-1");
});

test("the room shows now playing, up next with why in words, listeners and the taste bars", async () => {
  mockApi(roomRoutes());
  renderApp("/p/DEMO", { signedIn: true });
  expect(await screen.findByTestId("now-title")).toHaveTextContent("Steady Rain");
  const hero = screen.getByRole("region", { name: /Now playing in Café Lumen/ });
  expect(within(hero).getByText("Sound")).toBeInTheDocument();
  expect(screen.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuemax", "60");
  expect(screen.getByTestId("listeners")).toHaveTextContent("4 listeners here");
  const next = screen.getByTestId("up-next");
  expect(within(next).getByText("Crackling Fire")).toBeInTheDocument();
  expect(within(next).getByText(/The 4 listeners here lean to fire and rain; a close match; played 40 min ago, so ranked lower\./)).toBeInTheDocument();
  const bars = screen.getByRole("list", { name: "The room's taste by sound" });
  expect(within(bars).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Rain60%", "Wind10%", "Fire70%", "Thunder5%", "Waves20%"]);
});

test("the room's taste is hidden with a note when the API withholds it", async () => {
  mockApi(roomRoutes(roomView({ taste: null as unknown as RoomView["taste"], listeners: 2 })));
  renderApp("/p/DEMO", { signedIn: true });
  expect(await screen.findByTestId("taste-hidden")).toHaveTextContent("three or more people");
  expect(screen.queryByRole("list", { name: "The room's taste by sound" })).not.toBeInTheDocument();
});

test("live events replace the room view, and a lost stream shows the banner until it reconnects", async () => {
  mockApi(roomRoutes());
  renderApp("/p/DEMO", { signedIn: true });
  await screen.findByTestId("now-title");
  const source = MockEventSource.latest();
  expect(source.url).toBe(`/api/players/${PLAYER}/events`);
  source.open();
  source.emit("room", roomView({ version: 2, listeners: 5, nowPlaying: { kind: "mix", id: FIRE, title: "Fireside Mix", startedAt: new Date().toISOString(), durationSeconds: 120 } }));
  expect(await screen.findByText("Fireside Mix")).toBeInTheDocument();
  expect(screen.getByTestId("listeners")).toHaveTextContent("5 listeners here");
  source.emit("room", roomView({ version: 1, listeners: 9 })); // older state arriving late is ignored
  expect(screen.getByTestId("listeners")).toHaveTextContent("5 listeners here");

  source.fail();
  source.open(); // a routine reconnect: no banner
  await new Promise((r) => setTimeout(r, 1_700));
  expect(screen.queryByTestId("offline-banner")).not.toBeInTheDocument();
  source.fail();
  expect(await screen.findByTestId("offline-banner", {}, { timeout: 3_000 })).toHaveTextContent("Can't reach Soundscape");
  source.open();
  await waitFor(() => expect(screen.queryByTestId("offline-banner")).not.toBeInTheDocument());
});

test("a stream the browser gave up on is reopened", async () => {
  mockApi(roomRoutes());
  renderApp("/p/DEMO", { signedIn: true });
  await screen.findByTestId("now-title");
  const first = MockEventSource.latest();
  first.fail(true);
  await waitFor(() => expect(MockEventSource.instances.length).toBeGreaterThan(1), { timeout: 2000 });
  expect(first.readyState).toBe(MockEventSource.CLOSED);
});

test("an ended session (heartbeat 404) offers to check in again", async () => {
  const api = mockApi({ ...roomRoutes(), "POST /api/sessions/heartbeat": () => problem(404, "No open session") });
  renderApp("/p/DEMO", { signedIn: true });
  await screen.findByTestId("now-title");
  document.dispatchEvent(new Event("visibilitychange")); // visible again: beats at once
  const again = await screen.findByRole("button", { name: "Check in again" });
  again.click();
  await waitFor(() => expect(api.callsTo("POST", "/api/sessions/check-in")).toHaveLength(2));
  await waitFor(() => expect(screen.queryByRole("button", { name: "Check in again" })).not.toBeInTheDocument());
});
