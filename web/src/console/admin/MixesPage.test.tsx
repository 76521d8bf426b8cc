// The mix editor's sound picker offers the whole library, not only its first page.
import { render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { expect, test } from "vitest";
import { saveTokens } from "../../auth/session";
import { tokens } from "../../test/fixtures";
import { json, mockApi } from "../../test/mockApi";
import { MixesPage } from "./MixesPage";

const library = Array.from({ length: 230 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  title: `Sound ${i + 1}`,
}));

test("the layer's sound picker lists every sound of a library longer than one page", async () => {
  saveTokens(tokens(false));
  const api = mockApi({
    "GET /api/sounds": (c) => {
      const query = new URL(c.path, "http://localhost").searchParams;
      const page = Number(query.get("page")), pageSize = Number(query.get("pageSize"));
      return json({ items: library.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: library.length });
    },
    "GET /api/mixes": () => json({ items: [], page: 1, pageSize: 100, total: 0 }),
  });
  render(<MemoryRouter><MixesPage /></MemoryRouter>);

  const picker = await screen.findByRole("combobox", { name: /sound/i });
  await waitFor(() => expect(picker.querySelectorAll("option")).toHaveLength(library.length + 1));
  expect(picker.querySelector("option:last-child")).toHaveTextContent("Sound 230");
  expect(api.callsTo("GET", "/api/sounds").map((c) => new URL(c.path, "http://localhost").searchParams.get("page"))).toEqual(["1", "2", "3"]);
}, 60_000);
