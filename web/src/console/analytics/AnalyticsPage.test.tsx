import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { json, mockApi, problem } from "../../test/mockApi";
import { renderApp } from "../../test/render";
import { PLAYER, profile, RAIN, FIRE } from "../../test/fixtures";

// uPlot draws on a canvas, which jsdom does not have; the chart's numbers are checked through its table instead.
const charts: { data: unknown[] }[] = [];
vi.mock("uplot", () => ({
  default: class {
    constructor(_opts: unknown, data: unknown[]) {
      charts.push({ data });
    }
    setSize() {}
    destroy() {}
  },
}));
vi.mock("uplot/dist/uPlot.min.css", () => ({}));

const analytics = {
  playerId: PLAYER,
  from: "2026-11-24T00:00:00Z",
  to: "2026-12-01T00:00:00Z",
  summary: { plays: 1234, playedMinutes: 3500, listeningMinutes: 9000.5, uniqueListeners: 42, peakListeners: 12, votes: 80, ratings: 50, averageRating: 3.8, likes: 20, dislikes: 10 },
  sounds: [
    { soundId: RAIN, mixId: null, title: "Steady Rain", plays: 700, listeningMinutes: 5000, votes: 60, ratings: 40, averageRating: 4.2, likes: 15, dislikes: 5, approval: 0.6 },
    { soundId: FIRE, mixId: null, title: "Crackling Fire", plays: 534, listeningMinutes: 4000.5, votes: 20, ratings: 10, averageRating: null, likes: 5, dislikes: 5, approval: -0.2 },
  ],
  soundCount: 140,
  top: [{ soundId: RAIN, mixId: null, title: "Steady Rain", plays: 700, listeningMinutes: 5000, votes: 60, ratings: 40, averageRating: 4.2, likes: 15, dislikes: 5, approval: 0.6 }],
  bottom: [{ soundId: FIRE, mixId: null, title: "Crackling Fire", plays: 534, listeningMinutes: 4000.5, votes: 20, ratings: 10, averageRating: null, likes: 5, dislikes: 5, approval: -0.2 }],
  taste: {
    bucketSeconds: 3600,
    points: [
      { at: "2026-11-24T00:00:00Z", taste: { rain: 0.9, wind: 0.1, fire: 0.2, thunder: 0, waves: 0.3 }, listeners: 4, samples: 3 },
      { at: "2026-11-24T01:00:00Z", taste: null, listeners: 1, samples: 1 },
    ],
  },
};

function routes(over: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  return mockApi({
    "GET /api/me": () => json(profile({ isAnonymous: false, email: "m@example.test", roles: ["manager"] })),
    "GET /api/players/*": () => json({ id: PLAYER, name: "Café Lumen" }),
    "GET /api/players/*/analytics": () => json(analytics),
    "GET /api/players/*/analytics.csv": () =>
      new Response("sound_id,title\r\n", { headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="analytics-sounds-2026-11-24.csv"' } }),
    ...over,
  });
}

describe("AnalyticsPage", () => {
  beforeEach(() => {
    charts.length = 0;
    URL.createObjectURL = vi.fn(() => "blob:csv");
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the figures, the sounds, top and bottom, and the taste as a chart and a table", async () => {
    const api = routes();
    renderApp(`/console/players/${PLAYER}/analytics`, { signedIn: true, guest: false });

    // The page is lazy-loaded: the first look waits longer on a busy machine.
    const summary = await screen.findByRole("region", { name: "Summary" }, { timeout: 10_000 });
    expect(await screen.findByRole("heading", { name: "Analytics: Café Lumen" })).toBeInTheDocument();
    expect(within(summary).getByText("Plays").nextSibling).toHaveTextContent("1,234");
    expect(within(summary).getByText("Average rating").nextSibling).toHaveTextContent("3.8 / 5");
    expect(within(summary).getByText("Peak listeners").nextSibling).toHaveTextContent("12");

    const table = screen.getByRole("region", { name: "Votes per sound" });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Steady Rain");
    expect(rows[1]).toHaveTextContent("4.2");
    expect(rows[2]).toHaveTextContent("–");
    expect(within(table).getByText(/The 2 most played of 140/)).toBeInTheDocument();

    expect(within(screen.getByRole("list", { name: "Top" })).getByText("Steady Rain")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Bottom" })).getByText("Crackling Fire")).toBeInTheDocument();
    expect(screen.getByText("+60% approval, 60 votes")).toBeInTheDocument();

    expect(charts).toHaveLength(1);
    expect(charts[0].data[1]).toEqual([0.9, null]);
    const tasteTable = screen.getByRole("region", { name: "The room's taste over time, as a table" });
    expect(within(tasteTable).getAllByRole("row")[1]).toHaveTextContent("0.90");
    expect(within(tasteTable).getAllByRole("row")[2]).toHaveTextContent("–");

    const call = api.callsTo("GET", `/api/players/${PLAYER}/analytics?`)[0];
    const query = new URLSearchParams(call.path.split("?")[1]);
    expect(new Date(query.get("to")!).getTime() - new Date(query.get("from")!).getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it("asks for 30 days when chosen, and for two dates as whole days", async () => {
    const api = routes();
    const { user } = renderApp(`/console/players/${PLAYER}/analytics`, { signedIn: true, guest: false });
    await screen.findByRole("region", { name: "Votes per sound" }, { timeout: 10_000 });

    await user.click(screen.getByRole("radio", { name: "Last 30 days" }));
    await waitFor(() => expect(api.callsTo("GET", `/api/players/${PLAYER}/analytics?`)).toHaveLength(2));
    const thirty = new URLSearchParams(api.callsTo("GET", `/api/players/${PLAYER}/analytics?`)[1].path.split("?")[1]);
    expect(new Date(thirty.get("to")!).getTime() - new Date(thirty.get("from")!).getTime()).toBe(30 * 24 * 3600 * 1000);

    await user.click(screen.getByRole("radio", { name: "Dates" }));
    const from = screen.getByLabelText("From");
    const to = screen.getByLabelText("To (included)");
    await user.clear(from);
    await user.type(from, "2026-11-01");
    await user.clear(to);
    await user.type(to, "2026-11-07");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(api.callsTo("GET", `/api/players/${PLAYER}/analytics?`)).toHaveLength(3));
    const days = new URLSearchParams(api.callsTo("GET", `/api/players/${PLAYER}/analytics?`)[2].path.split("?")[1]);
    expect(days.get("from")).toBe("2026-11-01T00:00:00.000Z");
    expect(days.get("to")).toBe("2026-11-08T00:00:00.000Z");
  });

  it("downloads the CSV with the token and says so", async () => {
    const api = routes();
    const { user } = renderApp(`/console/players/${PLAYER}/analytics`, { signedIn: true, guest: false });
    await screen.findByRole("region", { name: "Votes per sound" }, { timeout: 10_000 });

    await user.click(screen.getByRole("button", { name: "Sounds CSV" }));

    expect(await screen.findByText("Downloaded analytics-sounds-2026-11-24.csv.")).toBeInTheDocument();
    const call = api.callsTo("GET", `/api/players/${PLAYER}/analytics.csv`)[0];
    expect(call.path).toContain("kind=sounds");
    expect(call.headers.get("Authorization")).toBe("Bearer access-1");
  });

  it("says when the player is not the caller's, and when the period is refused", async () => {
    routes({ "GET /api/players/*/analytics": () => problem(404, "Not found.") });
    renderApp(`/console/players/${PLAYER}/analytics`, { signedIn: true, guest: false });
    expect(await screen.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("not one of yours");
  });

  it("names the refused field's message for a bad period", async () => {
    routes({ "GET /api/players/*/analytics": () => problem(400, "Invalid.", { to: ["to must be at most 366 days after from."] }) });
    renderApp(`/console/players/${PLAYER}/analytics`, { signedIn: true, guest: false });
    expect(await screen.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("to must be at most 366 days after from.");
  });
});
