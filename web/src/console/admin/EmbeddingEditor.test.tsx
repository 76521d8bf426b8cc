import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import type { Taste } from "../../api/types";
import type { Problem } from "../../lib/problem";
import { EmbeddingEditor } from "./EmbeddingEditor";

const calculated: Taste = { rain: 0.8, wind: 0.1, fire: 0, thunder: 0.05, waves: 0.3 };

/** Behaves like the API: the override ranks until it is reset; the calculated embedding never changes. */
function Harness({ onOverride }: { onOverride?: (t: Taste) => Problem | null }) {
  const [embedding, setEmbedding] = useState<Taste>(calculated);
  return (
    <EmbeddingEditor
      embedding={embedding}
      calculated={calculated}
      overridden={embedding !== calculated}
      onOverride={async (t) => {
        const problem = onOverride?.(t) ?? null;
        if (!problem) setEmbedding({ ...t });
        return problem;
      }}
      onReset={async () => { setEmbedding(calculated); return null; }}
    />
  );
}

const bars = () => screen.getByRole("list", { name: "Embedding that ranks" });

test("an override by sliders ranks instead, and reset brings the calculated embedding back", async () => {
  const user = userEvent.setup();
  const sent = vi.fn((_: Taste) => null);
  render(<Harness onOverride={sent} />);
  expect(screen.getByTestId("embedding-state")).toHaveTextContent("Calculated from the audio");
  expect(screen.getByRole("button", { name: "Reset to calculated" })).toBeDisabled();
  expect(screen.getByRole("button", { name: "Save override" })).toBeDisabled();

  fireEvent.change(screen.getByLabelText("Thunder"), { target: { value: "0.9" } });
  fireEvent.change(screen.getByLabelText("Rain"), { target: { value: "0" } });
  await user.click(screen.getByRole("button", { name: "Save override" }));

  expect(sent).toHaveBeenCalledWith({ rain: 0, wind: 0.1, fire: 0, thunder: 0.9, waves: 0.3 });
  expect(screen.getByTestId("embedding-state")).toHaveTextContent("Overridden by an admin");
  expect(bars()).toHaveTextContent("Thunder90%");
  expect(screen.getByRole("list", { name: "Calculated embedding" })).toHaveTextContent("Rain80%");

  await user.click(screen.getByRole("button", { name: "Reset to calculated" }));
  expect(screen.getByTestId("embedding-state")).toHaveTextContent("Calculated from the audio");
  expect(bars()).toHaveTextContent("Rain80%");
  expect((screen.getByLabelText("Thunder") as HTMLInputElement).value).toBe("0.05");
}, 30_000);

test("all sliders at zero cannot be saved: an embedding needs a direction", () => {
  render(<Harness />);
  for (const axis of ["Rain", "Wind", "Fire", "Thunder", "Waves"]) fireEvent.change(screen.getByLabelText(axis), { target: { value: "0" } });
  expect(screen.getByText(/needs a direction/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Save override" })).toBeDisabled();
});

test("the API's field error is shown on that axis", async () => {
  const user = userEvent.setup();
  render(<Harness onOverride={() => ({ status: 400, title: "The request is invalid.", fieldErrors: { "embedding.wind": ["wind must be between 0 and 1."] } })} />);
  fireEvent.change(screen.getByLabelText("Wind"), { target: { value: "0.7" } });
  await user.click(screen.getByRole("button", { name: "Save override" }));
  expect(screen.getByText("wind must be between 0 and 1.")).toBeInTheDocument();
  expect(screen.getByLabelText("Wind")).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByTestId("embedding-state")).toHaveTextContent("Calculated from the audio");
});
