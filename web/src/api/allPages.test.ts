import { describe, expect, it } from "vitest";
import { allPages, MAX_PAGE_SIZE, type PageResult } from "./allPages";

const ok = (status = 200) => new Response(null, { status });

/** A server holding `count` items (numbered from 0) that answers pages of them, and records the pages asked for. */
function server(count: number, failOnPage?: number) {
  const asked: Array<[number, number]> = [];
  const fetchPage = async (page: number, pageSize: number): Promise<PageResult<number>> => {
    asked.push([page, pageSize]);
    if (page === failOnPage) return { error: { title: "Boom" }, response: ok(503) };
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, count - start)) }, (_, i) => start + i);
    return { data: { items, total: count, page, pageSize }, response: ok() };
  };
  return { asked, fetchPage };
}

describe("allPages", () => {
  it("reads every page until the total, at the largest page size", async () => {
    const s = server(250);
    const result = await allPages(s.fetchPage);
    expect(result.data?.items).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(result.data?.total).toBe(250);
    expect(result.data?.truncated).toBe(false);
    expect(s.asked).toEqual([[1, MAX_PAGE_SIZE], [2, MAX_PAGE_SIZE], [3, MAX_PAGE_SIZE]]);
  });

  it("stops after one request when the list fits on the first page, or is empty", async () => {
    for (const count of [0, 7, MAX_PAGE_SIZE]) {
      const s = server(count);
      const result = await allPages(s.fetchPage);
      expect(result.data?.items).toHaveLength(count);
      expect(s.asked).toHaveLength(1);
    }
  });

  it("fails as a whole when a later page fails, with that page's error and status", async () => {
    const s = server(250, 2);
    const result = await allPages(s.fetchPage);
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual({ title: "Boom" });
    expect(result.response?.status).toBe(503);
  });

  it("stops at the limit and says the list was cut short", async () => {
    const s = server(1_000);
    const result = await allPages(s.fetchPage, 150);
    expect(result.data?.items).toHaveLength(150);
    expect(result.data?.total).toBe(1_000);
    expect(result.data?.truncated).toBe(true);
    expect(s.asked).toHaveLength(2);
  });

  it("does not loop when the total grows while it reads (a page shorter than asked ends the read)", async () => {
    let calls = 0;
    const result = await allPages<number>(async (page, pageSize) => {
      calls++;
      const items = page === 1 ? Array.from({ length: pageSize }, (_, i) => i) : [100, 101];
      return { data: { items, total: 10_000 + calls }, response: ok() };
    });
    expect(calls).toBe(2);
    expect(result.data?.items).toHaveLength(102);
  });
});
