// The manager's editors against a fetch double that answers like the API (ProblemDetails included).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { beforeEach, expect, test, vi } from "vitest";
import { FIRE, PLAYER, RAIN } from "../../test/fixtures";
import { installEventSource, json, mockApi, MockEventSource, problem } from "../../test/mockApi";
import { DefaultVectorEditor } from "./DefaultVectorEditor";
import { DeviceKeyRotation } from "./DeviceKeyRotation";
import { FleetPage } from "./FleetPage";
import { LibraryEditor } from "./LibraryEditor";
import { PlayerSettingsForm } from "./PlayerSettingsForm";
import type { FleetPlayer, ManagedPlayer } from "./types";

const THUNDER = "33333333-3333-4333-8333-333333333333";

const player = (over: Partial<ManagedPlayer> = {}): ManagedPlayer => ({
  id: PLAYER, name: "Café Lumen", checkinCode: "cafe-lumen", status: "online", managerId: null, lastPollAt: null,
  currentSoundId: null, currentMixId: null, librarySize: 0, defaultVector: { rain: 0.5, wind: 0, fire: 0.25, thunder: 0, waves: 1 },
  createdAt: "2026-12-01T10:00:00Z", ...over,
});

const sounds = (items: { id: string; title: string }[]) => json({ items, page: 1, pageSize: 50, total: items.length });

const inRouter = (ui: React.ReactElement) => render(<MemoryRouter>{ui}</MemoryRouter>);

beforeEach(() => installEventSource());

test("the default mood shows five labelled sliders from the stored vector and saves what was moved", async () => {
  const api = mockApi({ "PATCH /api/players/*": (c) => json(player({ defaultVector: (c.body as { defaultVector: ManagedPlayer["defaultVector"] }).defaultVector })) });
  const onSaved = vi.fn();
  const user = userEvent.setup();
  inRouter(<DefaultVectorEditor player={player()} onSaved={onSaved} />);

  const sliders = screen.getAllByRole("slider");
  expect(sliders.map((s) => s.getAttribute("id"))).toEqual(["vector-rain", "vector-wind", "vector-fire", "vector-thunder", "vector-waves"]);
  expect(screen.getByRole("slider", { name: "Rain" })).toHaveValue("0.5");
  expect(screen.getByRole("slider", { name: "Waves" })).toHaveAttribute("aria-valuetext", "100%");
  fireEvent.change(screen.getByRole("slider", { name: "Thunder" }), { target: { value: "0.75" } });
  expect(screen.getByRole("slider", { name: "Thunder" })).toHaveAttribute("aria-valuetext", "75%");
  await user.click(screen.getByRole("button", { name: "Save mood" }));

  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(api.callsTo("PATCH", `/api/players/${PLAYER}`)[0].body).toEqual({
    defaultVector: { rain: 0.5, wind: 0, fire: 0.25, thunder: 0.75, waves: 1 },
  });
  expect(screen.getByText("Saved.")).toBeInTheDocument();
});

test("the default mood shows the API's field error when the vector is refused", async () => {
  mockApi({ "PATCH /api/players/*": () => problem(400, "The request is invalid.", { "defaultVector.rain": ["defaultVector.rain must be between -1 and 1."] }) });
  const user = userEvent.setup();
  inRouter(<DefaultVectorEditor player={player({ defaultVector: undefined })} onSaved={() => {}} />);
  expect(screen.getByRole("slider", { name: "Rain" })).toHaveValue("0");
  await user.click(screen.getByRole("button", { name: "Save mood" }));
  expect(await screen.findByText("defaultVector.rain must be between -1 and 1.")).toBeInTheDocument();
});

test("the library editor keeps ticks across searches and saves the ticked sounds", async () => {
  const api = mockApi({
    "GET /api/players/*/library": () => json({ playerId: PLAYER, soundIds: [], wholeLibrary: true }),
    "GET /api/sounds": (c) => (c.path.includes("search=fire")
      ? sounds([{ id: FIRE, title: "Crackling Fire" }])
      : sounds([{ id: RAIN, title: "Steady Rain" }, { id: THUNDER, title: "Far Thunder" }])),
    "PUT /api/players/*/library": (c) => json({ playerId: PLAYER, soundIds: (c.body as { soundIds: string[] }).soundIds, wholeLibrary: false }),
  });
  const user = userEvent.setup();
  inRouter(<LibraryEditor playerId={PLAYER} />);

  expect(await screen.findByRole("radio", { name: "The whole library" })).toBeChecked();
  await user.click(screen.getByRole("radio", { name: "Only the sounds I tick" }));
  expect(screen.getByRole("button", { name: "Save library" })).toBeDisabled();
  await user.click(await screen.findByRole("checkbox", { name: "Steady Rain" }));
  await user.type(screen.getByRole("searchbox", { name: "Search the library" }), "fire");
  await user.click(await screen.findByRole("checkbox", { name: "Crackling Fire" }));
  expect(screen.getByTestId("ticked-count")).toHaveTextContent("2 sounds ticked");
  await user.click(screen.getByRole("button", { name: "Save library" }));

  await screen.findByText("Saved.");
  expect(api.callsTo("PUT", `/api/players/${PLAYER}/library`)[0].body).toEqual({ soundIds: [RAIN, FIRE] });
});

test("choosing the whole library saves an empty list", async () => {
  const api = mockApi({
    "GET /api/players/*/library": () => json({ playerId: PLAYER, soundIds: [RAIN], wholeLibrary: false }),
    "GET /api/sounds": () => sounds([{ id: RAIN, title: "Steady Rain" }]),
    "PUT /api/players/*/library": () => json({ playerId: PLAYER, soundIds: [], wholeLibrary: true }),
  });
  const user = userEvent.setup();
  inRouter(<LibraryEditor playerId={PLAYER} />);

  expect(await screen.findByRole("checkbox", { name: "Steady Rain" })).toBeChecked();
  await user.click(screen.getByRole("radio", { name: "The whole library" }));
  await user.click(screen.getByRole("button", { name: "Save library" }));

  await screen.findByText("Saved.");
  expect(api.callsTo("PUT", `/api/players/${PLAYER}/library`)[0].body).toEqual({ soundIds: [] });
  expect(screen.getByRole("radio", { name: "The whole library" })).toBeChecked();
});

test("a check-in code another player uses (409) is shown on the code field, and nothing is reported saved", async () => {
  const api = mockApi({ "PATCH /api/players/*": () => problem(409, "Conflict.") });
  const onSaved = vi.fn();
  const user = userEvent.setup();
  inRouter(<PlayerSettingsForm player={player()} onSaved={onSaved} />);

  const code = screen.getByRole("textbox", { name: "Check-in code" });
  await user.clear(code);
  await user.type(code, "taken-code");
  await user.click(screen.getByRole("button", { name: "Save" }));

  await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
  expect(code).toHaveAccessibleDescription(/Another player already uses this check-in code/);
  expect(api.callsTo("PATCH", `/api/players/${PLAYER}`)[0].body).toEqual({ name: null, checkinCode: "taken-code" });
  expect(onSaved).not.toHaveBeenCalled();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("renaming sends only the name", async () => {
  const api = mockApi({ "PATCH /api/players/*": () => json(player({ name: "Lobby" })) });
  const onSaved = vi.fn();
  const user = userEvent.setup();
  inRouter(<PlayerSettingsForm player={player()} onSaved={onSaved} />);
  expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
  const name = screen.getByRole("textbox", { name: "Name" });
  await user.clear(name);
  await user.type(name, "Lobby");
  await user.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ name: "Lobby" })));
  expect(api.callsTo("PATCH", `/api/players/${PLAYER}`)[0].body).toEqual({ name: "Lobby", checkinCode: null });
});

test("rotating the device key asks first, warns the old key stops at once, and shows the new key once", async () => {
  const api = mockApi({ "POST /api/players/*/device-key": () => json({ playerId: PLAYER, deviceKey: "new-key-123" }) });
  const writeText = vi.fn(() => Promise.resolve());
  const user = userEvent.setup(); // installs its own clipboard, so the double goes in after it
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  inRouter(<DeviceKeyRotation playerId={PLAYER} playerName="Café Lumen" />);

  await user.click(screen.getByRole("button", { name: "Rotate device key" }));
  expect(screen.getByText(/The old key stops working at once/)).toBeInTheDocument();
  expect(api.calls).toHaveLength(0); // nothing happens before the confirmation
  await user.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByText(/The old key stops working at once/)).not.toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Rotate device key" }));
  await user.click(screen.getByRole("button", { name: "Rotate now" }));
  const key = await screen.findByTestId("device-key-value");
  expect(key).toHaveTextContent("new-key-123");
  expect(screen.getByText(/shown only once/)).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Copy key" }));
  expect(writeText).toHaveBeenCalledWith("new-key-123");
  expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "I have saved it" }));
  expect(screen.queryByText("new-key-123")).not.toBeInTheDocument();
  expect(api.callsTo("POST", `/api/players/${PLAYER}/device-key`)).toHaveLength(1);
});

const fleetRow = (over: Partial<FleetPlayer> = {}): FleetPlayer => ({
  id: PLAYER, name: "Café Lumen", checkinCode: "cafe-lumen", status: "offline", lastSeenAt: null, nowPlaying: undefined,
  listeners: 0, roomVersion: 1, ...over,
});

test("the fleet shows each player's status, now playing and listeners, and follows its room's events", async () => {
  mockApi({ "GET /api/players/fleet": () => json({ items: [fleetRow()], page: 1, pageSize: 100, total: 1 }) });
  inRouter(<FleetPage />);

  const row = await screen.findByTestId("fleet-row");
  expect(within(row).getByTestId("fleet-status")).toHaveTextContent("Offline");
  expect(within(row).getByText("Nothing playing")).toBeInTheDocument();
  expect(within(row).getByText("never seen", { exact: false })).toBeInTheDocument();
  const stream = MockEventSource.latest();
  expect(stream.url).toBe(`/api/players/${PLAYER}/events`);

  stream.emit("room", { playerId: PLAYER, status: "playing", listeners: 2, version: 2, next: [],
    nowPlaying: { kind: "sound", id: RAIN, title: "Steady Rain", startedAt: null, durationSeconds: 60 } });
  await waitFor(() => expect(within(row).getByTestId("fleet-status")).toHaveTextContent("Playing"));
  expect(within(row).getByText("Steady Rain")).toBeInTheDocument();
  expect(within(row).getByTestId("fleet-listeners")).toHaveTextContent("2 listeners");

  stream.emit("room", { playerId: PLAYER, status: "offline", listeners: 0, version: 1, next: [], nowPlaying: null });
  expect(within(row).getByTestId("fleet-listeners")).toHaveTextContent("2 listeners"); // an older version is ignored
});

test("creating a player with a taken code shows the 409 on the code field; success shows the key once", async () => {
  let taken = true;
  mockApi({
    "GET /api/players/fleet": () => json({ items: [], page: 1, pageSize: 100, total: 0 }),
    "POST /api/players": () => (taken ? problem(409, "Conflict.") : json({ id: PLAYER, name: "Lobby", checkinCode: "lobby-2", deviceKey: "k-1" }, 201)),
  });
  const user = userEvent.setup();
  inRouter(<FleetPage />);

  await user.type(await screen.findByRole("textbox", { name: "Name" }), "Lobby");
  await user.type(screen.getByRole("textbox", { name: /Check-in code/ }), "lobby");
  await user.click(screen.getByRole("button", { name: "Create player" }));
  const code = screen.getByRole("textbox", { name: /Check-in code/ });
  await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
  expect(code).toHaveAccessibleDescription(/Another player already uses this check-in code/);

  taken = false;
  await user.clear(code);
  await user.type(code, "lobby-2");
  await user.click(screen.getByRole("button", { name: "Create player" }));
  expect(await screen.findByTestId("device-key-value")).toHaveTextContent("k-1");
  expect(screen.getByRole("link", { name: "Print its tag" })).toHaveAttribute("href", `/console/players/${PLAYER}/tag`);
});

test("a listener without the manager role is told so instead of seeing the fleet", async () => {
  mockApi({ "GET /api/players/fleet": () => problem(403, "Forbidden.") });
  inRouter(<FleetPage />);
  expect(await screen.findByRole("alert")).toHaveTextContent("Players are for managers");
  expect(screen.queryByRole("button", { name: "Create player" })).not.toBeInTheDocument();
});
