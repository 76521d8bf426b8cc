import { render, screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { QueueTable } from "./QueueTable";
import type { ExplainedItem, PlayerQueue } from "./types";

const item = (position: number, over: Partial<ExplainedItem>): ExplainedItem =>
  ({
    queueItemId: `0197a000-0000-7000-8000-00000000000${position}`,
    position,
    kind: "sound",
    title: `Sound ${position}`,
    similarity: 0.8,
    penalty: 0.1,
    score: 0.7,
    listeners: 1,
    fallback: "room",
    ...over,
  }) as ExplainedItem;

const queue = (items: ExplainedItem[]): PlayerQueue => ({ items, plannedAt: "2026-12-04T12:00:00Z" }) as PlayerQueue;

test("a queue planned from the room's taste shows similarity and explains the score", () => {
  render(<QueueTable queue={queue([item(0, { similarity: -0.25 })])} />);
  const row = screen.getAllByRole("row")[1];
  expect(within(row).getAllByRole("cell")[1]).toHaveTextContent("−0.25");
  expect(screen.getByText(/similarity to the room's taste minus the penalty/)).toBeInTheDocument();
});

test("an exploring queue shows a dash for similarity and says the least recently heard come first", () => {
  render(<QueueTable queue={queue([item(0, { fallback: "explore", similarity: 0, score: 0 }), item(1, { fallback: "explore", similarity: 0, score: -0.2 })])} />);
  const rows = screen.getAllByRole("row").slice(1);
  for (const row of rows) {
    const similarity = within(row).getAllByRole("cell")[1];
    expect(similarity).toHaveTextContent("—");
    expect(similarity).toHaveTextContent("not applicable while exploring");
    expect(within(row).getAllByRole("cell")[5]).toHaveTextContent("Exploring");
  }
  expect(screen.getByText(/least recently come first/)).toBeInTheDocument();
  expect(screen.queryByText(/similarity to the room's taste/)).not.toBeInTheDocument();
});

test("a queue mixing explored and tasted items keeps the score caption and dashes only the explored rows", () => {
  render(<QueueTable queue={queue([item(0, {}), item(1, { fallback: "explore", similarity: 0 })])} />);
  const rows = screen.getAllByRole("row").slice(1);
  expect(within(rows[0]).getAllByRole("cell")[1]).toHaveTextContent("0.80");
  expect(within(rows[1]).getAllByRole("cell")[1]).toHaveTextContent("—");
  expect(screen.getByText(/similarity to the room's taste minus the penalty/)).toBeInTheDocument();
});

test("an empty queue says nothing is planned, and a missing one says it is loading", () => {
  const { rerender } = render(<QueueTable queue={queue([])} />);
  expect(screen.getByText(/Nothing is planned yet/)).toBeInTheDocument();
  rerender(<QueueTable queue={null} />);
  expect(screen.getByRole("status")).toHaveTextContent("Loading the queue");
});
