import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, expect, test } from "vitest";
import { FIRE, PLAYER, profile, roomView } from "../test/fixtures";
import { installEventSource, json, mockApi, problem, type Call } from "../test/mockApi";
import { renderApp } from "../test/render";

const zero = { rain: 0, wind: 0, fire: 0, thunder: 0, waves: 0 };
const routes = (vote: (call: Call) => Response | Promise<Response>) => ({
  "GET /api/rooms/*": () => json({ playerId: PLAYER, name: "Café Lumen" }),
  "POST /api/sessions/check-in": () => json({}, 201),
  "POST /api/sessions/heartbeat": () => json({}),
  "GET /api/players/*/now": () => json(roomView()),
  "GET /api/me": () => json(profile({ tasteVector: { ...zero, rain: 0.3 } })),
  "GET /api/sounds": () => json({ items: [{ id: FIRE, title: "Crackling Fire" }], total: 1 }),
  "POST /api/votes": vote,
});

beforeEach(() => installEventSource());

// The library is searched, not listed: type a title to get the short list of matches.
async function searchLibrary(user: ReturnType<typeof renderApp>["user"], text = "fire") {
  await user.type(await screen.findByRole("searchbox", { name: "Find a sound" }), text);
  return screen.findByTestId("library");
}

test("a like carries the player and a fresh clientVoteId, and shows which axes moved", async () => {
  const api = mockApi(routes(() => json({ voteId: "v", tasteVector: { ...zero, rain: 0.27, fire: 0.18 }, similarityBefore: 0, similarityAfter: 0.5, learned: true }, 201)));
  const { user } = renderApp("/p/DEMO", { signedIn: true });
  const library = await searchLibrary(user);
  await user.click(await within(library).findByRole("button", { name: "Like Crackling Fire" }));
  expect(await screen.findByRole("heading", { name: "Vote counted" })).toBeInTheDocument();
  expect(screen.getByText(/Your taste after/).textContent).toBe("Your taste after Crackling Fire: Fire up 18 points, Rain down 3 points.");
  await user.click(within(library).getByRole("button", { name: "Like Crackling Fire" }));
  const votes = api.callsTo("POST", "/api/votes");
  await waitFor(() => expect(votes).toHaveLength(2));
  expect(votes[0].body).toMatchObject({ soundId: FIRE, reaction: "like", playerId: PLAYER });
  const ids = votes.map((v) => (v.body as { clientVoteId: string }).clientVoteId);
  expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(ids[1]).not.toBe(ids[0]);
});

test("the vote buttons are disabled while the vote is in flight", async () => {
  let release!: () => void;
  mockApi(routes(() => new Promise<Response>((r) => (release = () => r(json({ tasteVector: zero, learned: false }, 201))))));
  const { user } = renderApp("/p/DEMO", { signedIn: true });
  const hero = await screen.findByRole("region", { name: /Now playing/ });
  await user.click(await within(hero).findByRole("button", { name: "Rate 4 of 5" }));
  expect(within(hero).getByRole("button", { name: "Like Steady Rain" })).toBeDisabled();
  expect(within(hero).getByRole("button", { name: "Rate 4 of 5" })).toBeDisabled();
  release();
  await waitFor(() => expect(within(hero).getByRole("button", { name: "Like Steady Rain" })).toBeEnabled());
});

test("a vote that cannot be sent says so and is sent again with the same clientVoteId", async () => {
  let down = true;
  const api = mockApi(routes(() => (down ? Promise.reject(new TypeError("Failed to fetch")) : json({ tasteVector: { ...zero, fire: 0.2 }, learned: true }, 201))));
  const { user } = renderApp("/p/DEMO", { signedIn: true });
  const library = await searchLibrary(user);
  await user.click(await within(library).findByRole("button", { name: "Dislike Crackling Fire" }));
  const alert = await screen.findByText(/Your dislike for/);
  expect(alert.textContent).toBe("Your dislike for Crackling Fire was not sent. Can't reach Soundscape right now.");
  down = false;
  await user.click(screen.getByRole("button", { name: "Send again" }));
  expect(await screen.findByRole("heading", { name: "Vote counted" })).toBeInTheDocument();
  expect(screen.queryByText(/was not sent/)).not.toBeInTheDocument();
  const [first, second] = api.callsTo("POST", "/api/votes").map((c) => c.body as { clientVoteId: string });
  expect(second.clientVoteId).toBe(first.clientVoteId);
});

test("a 429 vote says when it can be sent again", async () => {
  mockApi(routes(() => problem(429, "Too many votes", undefined, { "Retry-After": "20" })));
  const { user } = renderApp("/p/DEMO", { signedIn: true });
  const library = await searchLibrary(user);
  await user.click(await within(library).findByRole("button", { name: "Like Crackling Fire" }));
  expect(await screen.findByText(/was not sent/)).toHaveTextContent("Too many tries. Try again in 20 s.");
});
