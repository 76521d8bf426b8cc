import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, expect, test } from "vitest";
import { FIRE, PLAYER, profile, roomView } from "../test/fixtures";
import { MockEventSource, installEventSource, json, mockApi } from "../test/mockApi";
import { renderApp } from "../test/render";

const WAVES = "00000000-0000-4000-8000-0000000000a5";
const routes = {
  "GET /api/rooms/*": () => json({ playerId: PLAYER, name: "Café Lumen" }),
  "POST /api/sessions/check-in": () => json({}, 201),
  "POST /api/sessions/heartbeat": () => json({}),
  "GET /api/players/*/now": () => json(roomView()),
  "GET /api/me": () => json(profile()),
  "GET /api/sounds": () => json({ items: [{ id: WAVES, title: "Night Waves" }], total: 1 }),
};

beforeEach(() => installEventSource());

test("steering lists the queue, not the whole library, and searches the library for a short list", { timeout: 30_000 }, async () => {
  const api = mockApi(routes);
  const { user } = renderApp("/p/DEMO", { signedIn: true });

  const queue = await screen.findByTestId("steer-queue");
  expect(within(queue).getByRole("button", { name: "Like Crackling Fire" })).toBeInTheDocument();
  expect(screen.queryByTestId("library")).not.toBeInTheDocument();
  expect(api.callsTo("GET", "/api/sounds")).toHaveLength(0);

  await user.type(screen.getByRole("searchbox", { name: "Find a sound" }), "waves");
  const matches = await screen.findByTestId("library");
  expect(within(matches).getByRole("button", { name: "Like Night Waves" })).toBeInTheDocument();
  const searches = api.callsTo("GET", "/api/sounds");
  expect(searches.at(-1)!.path).toContain("search=waves");
  expect(searches.at(-1)!.path).toContain("pageSize=5");
});

test("a sound that finished playing is listed under 'Just played'", { timeout: 30_000 }, async () => {
  mockApi(routes);
  renderApp("/p/DEMO", { signedIn: true });
  await screen.findByTestId("steer-queue");
  await waitFor(() => expect(MockEventSource.instances.length).toBeGreaterThan(0));
  const stream = MockEventSource.instances.at(-1)!;

  act(() => {
    stream.open();
    stream.emit("room", roomView({ version: 5, nowPlaying: { kind: "sound", id: FIRE, title: "Crackling Fire", durationSeconds: 60 }, next: [] }));
  });
  act(() => stream.emit("room", roomView({ version: 6, nowPlaying: { kind: "sound", id: WAVES, title: "Night Waves", durationSeconds: 60 }, next: [] })));

  const recent = await screen.findByTestId("steer-recent");
  expect(within(recent).getByRole("button", { name: "Like Crackling Fire" })).toBeInTheDocument();
  expect(screen.getByText(/Nothing is queued yet/)).toBeInTheDocument();
});
