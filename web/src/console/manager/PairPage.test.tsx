import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { expect, test } from "vitest";
import { json, mockApi } from "../../test/mockApi";
import { PairPage } from "./PairPage";

const LOBBY = "0197a000-0000-7000-8000-000000000001";
const CAFE = "0197a000-0000-7000-8000-000000000002";
const fleet = (ids: [string, string][]) => json({ items: ids.map(([id, name]) => ({ id, name })), total: ids.length });

test("the device's link fills in its code, and the code is sent for the player the manager picks", async () => {
  const api = mockApi({
    "GET /api/players/fleet": () => fleet([[LOBBY, "Lobby"], [CAFE, "Café"]]),
    [`POST /api/players/${CAFE}/pairing`]: () => json({ playerId: CAFE, approvedAt: "2026-12-04T16:00:00Z" }),
  });
  const user = userEvent.setup();
  render(<MemoryRouter initialEntries={["/console/pair?code=bcdfghjk"]}><PairPage /></MemoryRouter>);

  expect(screen.queryByLabelText("Code shown on the device")).not.toBeInTheDocument();
  await user.selectOptions(await screen.findByLabelText("Which player is this device?"), "Café");
  expect(screen.getByLabelText("Code shown on the device")).toHaveValue("BCDF-GHJK");
  await user.click(screen.getByRole("button", { name: "Pair device" }));

  expect(await screen.findByRole("status")).toHaveTextContent("Paired");
  expect(api.callsTo("POST", `/api/players/${CAFE}/pairing`)).toHaveLength(1);
  expect(api.callsTo("POST", `/api/players/${LOBBY}/pairing`)).toHaveLength(0);
});

test("a manager with no players is sent to create one", async () => {
  mockApi({ "GET /api/players/fleet": () => fleet([]) });
  render(<MemoryRouter initialEntries={["/console/pair"]}><PairPage /></MemoryRouter>);

  expect(await screen.findByRole("link", { name: "Create one" })).toHaveAttribute("href", "/console/players");
  expect(screen.queryByLabelText("Which player is this device?")).not.toBeInTheDocument();
});
