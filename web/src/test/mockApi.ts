// Test doubles at the browser's edges only: fetch (answering like the API, ProblemDetails included) and EventSource.
import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}
type Reply = Response | Promise<Response>;
type Handler = (call: Call) => Reply;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
export const problem = (status: number, title: string, errors?: Record<string, string[]>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, title, errors }), { status, headers: { "Content-Type": "application/problem+json", ...headers } });

/** Routes are "METHOD /path" with `*` for one path segment; unmatched requests fail the test loudly. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(" ");
    const rx = new RegExp(`^${pattern.replace(/[.?+]/g, "\\$&").replace(/\*/g, "[^/]+")}$`);
    return { method, rx, handler };
  });
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost:3000"), init);
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    const call: Call = { method: request.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : undefined, headers: request.headers };
    calls.push(call);
    const route = table.find((r) => r.method === request.method && r.rx.test(url.pathname));
    if (!route) throw new Error(`unexpected request ${request.method} ${url.pathname}`);
    return route.handler(call);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path.startsWith(path)) };
}

export class MockEventSource {
  static instances: MockEventSource[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = MockEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(public url: string) {
    MockEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = MockEventSource.CLOSED;
  }
  open() {
    this.readyState = MockEventSource.OPEN;
    this.onopen?.(new Event("open"));
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.forEach((fn) => fn(new MessageEvent(type, { data: JSON.stringify(data) })));
  }
  fail(closed = false) {
    this.readyState = closed ? MockEventSource.CLOSED : MockEventSource.CONNECTING;
    this.onerror?.(new Event("error"));
  }
  static latest() {
    return MockEventSource.instances[MockEventSource.instances.length - 1];
  }
}

export function installEventSource() {
  MockEventSource.instances = [];
  vi.stubGlobal("EventSource", MockEventSource);
}
