import { render, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { VoteFeedback } from "./VoteFeedback";

const zero = { rain: 0, wind: 0, fire: 0, thunder: 0, waves: 0 };
// A first like places the taste on the sound's direction: every axis the sound has moves up from zero.
const fireDirection = { rain: 0.2, wind: 0.1, fire: 0.95, thunder: 0, waves: 0.15 };

test("a first vote from a zero taste lists every axis the sound has, not 'nothing moved'", { timeout: 30_000 }, () => {
  render(<VoteFeedback feedback={{ title: "Crackling Fire", before: zero, after: fireDirection, learned: true }} />);
  const status = screen.getByRole("status");
  expect(status.textContent).toBe(
    "Your first vote set your taste from Crackling Fire: Fire up 95 points, Rain up 20 points, Waves up 15 points, Wind up 10 points.",
  );
  expect(status.textContent).not.toMatch(/nothing moved/);
});

test("a later vote says how the taste moved from where it was", () => {
  render(<VoteFeedback feedback={{ title: "Steady Rain", before: fireDirection, after: { ...fireDirection, rain: 0.4, fire: 0.9 }, learned: true }} />);
  expect(screen.getByRole("status").textContent).toBe("Your taste after Steady Rain: Rain up 20 points, Fire down 5 points.");
});

test("a move below zero (after dislikes) still counts as a move", () => {
  render(<VoteFeedback feedback={{ title: "Thunder", before: { ...zero, thunder: -0.6, rain: 0.8 }, after: { ...zero, thunder: -0.3, rain: 0.8 }, learned: true }} />);
  expect(screen.getByRole("status").textContent).toBe("Your taste after Thunder: Thunder up 30 points.");
});

test("a vote that left the taste where it was says so", () => {
  render(<VoteFeedback feedback={{ title: "Crackling Fire", before: fireDirection, after: fireDirection, learned: true }} />);
  expect(screen.getByRole("status").textContent).toBe("Your taste already matched Crackling Fire; nothing moved.");
});

test("when the taste before is not known, no move is claimed", () => {
  render(<VoteFeedback feedback={{ title: "Crackling Fire", before: null, after: fireDirection, learned: true }} />);
  expect(screen.getByRole("status").textContent).toBe("Your taste after Crackling Fire is shown below.");
});
