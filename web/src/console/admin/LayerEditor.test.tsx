import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test } from "vitest";
import { LayerEditor, newLayer } from "./LayerEditor";
import { MAX_LAYERS, mixDuration, validateMix, volumeDb, type LayerDraft } from "./mixLimits";

const sounds = [{ id: "s1", title: "Rain" }, { id: "s2", title: "Fire" }];

function Harness({ initial = [newLayer()] }: { initial?: LayerDraft[] }) {
  const [layers, setLayers] = useState(initial);
  return <LayerEditor layers={layers} sounds={sounds} errors={validateMix("Mix", layers)} onChange={setLayers} />;
}

test("layers are added up to sixteen and removed down to one", async () => {
  const user = userEvent.setup();
  render(<Harness />);
  const add = screen.getByRole("button", { name: "Add layer" });
  expect(screen.getByRole("button", { name: "Remove layer 1" })).toBeDisabled();
  for (let i = 1; i < MAX_LAYERS; i++) await user.click(add);
  expect(screen.getAllByTestId("layer")).toHaveLength(16);
  expect(add).toBeDisabled();
  expect(screen.getByTestId("layer-count")).toHaveTextContent("16 of 16 layers");
  await user.click(screen.getByRole("button", { name: "Remove layer 3" }));
  expect(screen.getAllByTestId("layer")).toHaveLength(15);
  expect(add).toBeEnabled();
}, 60_000);

test("a volume below 0.0001 (but not 0), above 1, or a delay beyond an hour is named on its own field", async () => {
  const user = userEvent.setup();
  render(<Harness initial={[{ ...newLayer("s1"), volume: 0.00001 }, { ...newLayer("s2"), delaySeconds: 3601 }, { ...newLayer("s1"), volume: 0 }]} />);
  const [first, second, third] = screen.getAllByTestId("layer");
  expect(within(first).getByText(/volume must be 0 or between 0.0001/)).toBeInTheDocument();
  expect(within(first).getByLabelText(/^Volume/)).toHaveAttribute("aria-invalid", "true");
  expect(within(second).getByText(/delaySeconds must be between 0 and 3600/)).toBeInTheDocument();
  expect(within(second).queryByText(/volume must be/)).not.toBeInTheDocument();
  expect(within(third).queryByText(/must be/)).not.toBeInTheDocument();
  expect(within(third).getByTestId("volume-db")).toHaveTextContent("muted");

  await user.clear(within(first).getByLabelText(/^Volume/));
  await user.type(within(first).getByLabelText(/^Volume/), "1.5");
  expect(within(first).getByText(/volume must be 0 or between 0.0001/)).toBeInTheDocument();
  await user.clear(within(first).getByLabelText(/^Volume/));
  await user.type(within(first).getByLabelText(/^Volume/), "0.5");
  expect(within(first).queryByText(/volume must be/)).not.toBeInTheDocument();
  expect(within(first).getByTestId("volume-db")).toHaveTextContent("−6.0 dB");
}, 30_000);

test("a layer without a sound is named, and choosing one clears it", async () => {
  const user = userEvent.setup();
  render(<Harness />);
  const layer = screen.getByTestId("layer");
  expect(within(layer).getByText("Choose a sound.")).toBeInTheDocument();
  await user.selectOptions(within(layer).getByLabelText("Sound"), "s2");
  expect(within(layer).queryByText("Choose a sound.")).not.toBeInTheDocument();
});

test("the limits match the API's: name, 1..16 layers, and the device's duration rule", () => {
  expect(validateMix("", [newLayer("s1")]).name).toBeDefined();
  expect(validateMix("x", []).layers).toBeDefined();
  expect(validateMix("x", Array.from({ length: 17 }, () => newLayer("s1"))).layers).toBeDefined();
  expect(validateMix("x", [{ ...newLayer("s1"), volume: 0.0001 }])).toEqual({});
  expect(volumeDb(1)).toBe("0.0 dB");
  expect(volumeDb(0.0001)).toBe("−80.0 dB");
  expect(mixDuration([{ loop: true, delaySeconds: 0, durationSeconds: 10 }, { loop: false, delaySeconds: 5, durationSeconds: 20 }])).toBe(25);
  expect(mixDuration([{ loop: true, delaySeconds: 2, durationSeconds: 10 }, { loop: true, delaySeconds: 0, durationSeconds: 4 }])).toBe(12);
});
