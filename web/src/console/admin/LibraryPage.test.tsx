import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { profile } from "../../test/fixtures";
import { json, mockApi } from "../../test/mockApi";
import { renderApp } from "../../test/render";

/** A stand-in for XMLHttpRequest: each upload waits until the test answers it, and reports progress on demand. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  status = 0;
  responseText = "";
  responseType = "";
  headers: Record<string, string> = {};
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  body: FormData | null = null;
  open(public_method: string, public_url: string) { void public_method; void public_url; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  getResponseHeader() { return null; }
  send(body: FormData) { this.body = body; FakeXhr.sent.push(this); }
  abort() { this.onabort?.(); }
  get fileName() { return (this.body!.get("file") as File).name; }
  progress(fraction: number) { this.upload.onprogress?.({ lengthComputable: true, loaded: fraction * 100, total: 100 }); }
  answer(status: number, body: unknown) { this.status = status; this.responseText = JSON.stringify(body); this.onload?.(); }
}

afterEach(() => {
  FakeXhr.sent = [];
  vi.unstubAllGlobals();
});

const sound = (id: string, title: string) => ({ id, title, artist: null, type: "soundscape", durationSeconds: 4, bpm: null, embedding: null, createdAt: "2026-12-03T10:00:00Z", embeddingOverridden: false });

test("three files upload side by side, each with its own progress and its own result (201, 415, 409 linking the sound)", async () => {
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  mockApi({
    "GET /api/me": () => json(profile({ isAnonymous: false, roles: ["admin"] })),
    "GET /api/sounds": () => json({ items: [sound("s-old", "Old rain")], page: 1, pageSize: 20, total: 1 }),
  });
  renderApp("/console/library", { signedIn: true, guest: false });
  const input = await screen.findByLabelText("Audio files to upload");
  const files = ["rain.wav", "notes.txt", "rain-copy.wav"].map((n) => new File(["x".repeat(100)], n, { type: "audio/wav" }));
  fireEvent.change(input, { target: { files } });

  await waitFor(() => expect(FakeXhr.sent).toHaveLength(3));
  const byName = (n: string) => FakeXhr.sent.find((x) => x.fileName === n)!;
  expect(byName("rain.wav").headers.Authorization).toBe("Bearer access-1");
  expect(byName("rain.wav").body!.get("title")).toBe("rain");

  await act(async () => byName("rain.wav").progress(0.4));
  const rows = () => screen.getAllByTestId("upload-item");
  const row = (n: string) => rows().find((r) => r.textContent!.includes(n))!;
  expect(within(row("rain.wav")).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
  expect(within(row("notes.txt")).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");

  await act(async () => byName("notes.txt").answer(415, { status: 415, title: "Unsupported media type.", detail: "not audio" }));
  await act(async () => byName("rain-copy.wav").answer(409, { status: 409, title: "Conflict.", detail: "already", existingSoundId: "s-old" }));
  await act(async () => byName("rain.wav").answer(201, sound("s-new", "rain")));

  expect(await within(row("rain.wav")).findByRole("link", { name: "rain" })).toHaveAttribute("href", "/console/library/s-new");
  expect(row("rain.wav")).not.toHaveTextContent("415");
  expect(within(row("notes.txt")).getByRole("alert")).toHaveTextContent("415 Not an audio file Soundscape can read.");
  expect(within(row("rain-copy.wav")).getByRole("alert")).toHaveTextContent("409 Already in the library.");
  expect(within(row("rain-copy.wav")).getByRole("link", { name: "Open the existing sound" })).toHaveAttribute("href", "/console/library/s-old");
  expect(row("notes.txt").getAttribute("data-state")).toBe("failed");
  expect(row("rain.wav").getAttribute("data-state")).toBe("added");
}, 30_000);

test("a file over the limit shows its 413 on that file only", async () => {
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  mockApi({
    "GET /api/me": () => json(profile({ isAnonymous: false, roles: ["admin"] })),
    "GET /api/sounds": () => json({ items: [], page: 1, pageSize: 20, total: 0 }),
  });
  renderApp("/console/library", { signedIn: true, guest: false });
  fireEvent.change(await screen.findByLabelText("Audio files to upload"), { target: { files: [new File(["x"], "huge.wav"), new File(["y"], "small.wav")] } });
  await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
  await act(async () => FakeXhr.sent[0].answer(413, { status: 413, title: "Payload too large." }));
  const rows = screen.getAllByTestId("upload-item");
  expect(within(rows.find((r) => r.textContent!.includes("huge.wav"))!).getByRole("alert")).toHaveTextContent("413 Too large to upload.");
  expect(rows.find((r) => r.textContent!.includes("small.wav"))!.getAttribute("data-state")).toBe("sending");
}, 30_000);
