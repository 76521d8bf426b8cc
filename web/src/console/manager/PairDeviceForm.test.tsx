import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { json, mockApi, problem } from "../../test/mockApi";
import { formatUserCode, isCompleteUserCode, PairDeviceForm } from "./PairDeviceForm";

const PLAYER = "0197a000-0000-7000-8000-000000000001";

test("typing a code loosely sends it as the device shows it, and the form says the device is paired", async () => {
  const api = mockApi({ [`POST /api/players/${PLAYER}/pairing`]: () => json({ playerId: PLAYER, approvedAt: "2026-12-04T16:00:00Z" }) });
  let paired = 0;
  const user = userEvent.setup();
  render(<PairDeviceForm playerId={PLAYER} playerName="Lobby" onPaired={() => paired++} />);

  const button = screen.getByRole("button", { name: "Pair device" });
  expect(button).toBeDisabled();
  await user.type(screen.getByLabelText("Code shown on the device"), "bcdf ghjk");
  expect(screen.getByLabelText("Code shown on the device")).toHaveValue("BCDF-GHJK");
  await user.click(button);

  expect(await screen.findByRole("status")).toHaveTextContent("Paired");
  expect(api.callsTo("POST", `/api/players/${PLAYER}/pairing`)[0].body).toEqual({ userCode: "BCDF-GHJK" });
  expect(paired).toBe(1);
});

test("a code the server refuses is shown under the field, and the form stays", async () => {
  mockApi({
    [`POST /api/players/${PLAYER}/pairing`]: () => problem(400, "The request is invalid.", { userCode: ["This code has expired: restart the device to get a new one."] }),
  });
  const user = userEvent.setup();
  render(<PairDeviceForm playerId={PLAYER} playerName="Lobby" initialCode="BCDF-GHJK" />);

  await user.click(screen.getByRole("button", { name: "Pair device" }));

  const field = screen.getByLabelText("Code shown on the device");
  expect(await screen.findByText(/This code has expired/)).toBeInTheDocument();
  expect(field).toHaveAttribute("aria-invalid", "true");
  expect(screen.queryByRole("status")).not.toBeInTheDocument();
});

test("someone else's player is reported as not managed", async () => {
  mockApi({ [`POST /api/players/${PLAYER}/pairing`]: () => problem(404, "Not found.") });
  const user = userEvent.setup();
  render(<PairDeviceForm playerId={PLAYER} playerName="Lobby" initialCode="bcdfghjk" />);

  await user.click(screen.getByRole("button", { name: "Pair device" }));

  expect(await screen.findByRole("alert")).toHaveTextContent("not one you manage");
});

test("codes are formatted and checked against the devices' alphabet", () => {
  expect(formatUserCode("bcdfghjkl")).toBe("BCDF-GHJK");
  expect(formatUserCode("bc")).toBe("BC");
  expect(isCompleteUserCode("BCDF-GHJK")).toBe(true);
  expect(isCompleteUserCode("ABCD-EFGH")).toBe(false);
  expect(isCompleteUserCode("BCDF-GHJ")).toBe(false);
});
