// Lists the API pages (page, pageSize ≤ 100, total) are read whole where a screen needs all of them: a picker that
// showed only the first page would hide the 101st sound or player without a word.

/** One page of a paged list, as the API returns it. */
export interface Page<T> {
  items?: T[] | null;
  total?: number;
  page?: number;
  pageSize?: number;
}

/** What openapi-fetch answers for one page. */
export interface PageResult<T> {
  data?: Page<T>;
  error?: unknown;
  response: Response;
}

/** The API's largest page (Paging.MaxPageSize). */
export const MAX_PAGE_SIZE = 100;

/** The most items read for one screen; beyond it `truncated` is set, so the screen can say so. */
export const MAX_ITEMS = 5_000;

export interface AllPages<T> {
  data?: { items: T[]; total: number; truncated: boolean };
  error?: unknown;
  response?: Response;
}

/**
 * Reads pages 1, 2, … of a paged list, MAX_PAGE_SIZE items at a time, until `total` items are read, a page comes back
 * short or empty, or `limit` items are read. A failed page fails the whole read (its error and response are returned,
 * no partial list), so the caller shows one error rather than a list that silently stops.
 */
export async function allPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<PageResult<T>>,
  limit: number = MAX_ITEMS,
): Promise<AllPages<T>> {
  const items: T[] = [];
  let total = 0;
  let response: Response | undefined;
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, MAX_PAGE_SIZE);
    response = result.response;
    if (!result.data) return { error: result.error, response };
    const batch = result.data.items ?? [];
    total = result.data.total ?? items.length + batch.length;
    items.push(...batch);
    if (items.length >= limit) return { data: { items: items.slice(0, limit), total, truncated: true }, response };
    if (batch.length < MAX_PAGE_SIZE || items.length >= total) return { data: { items, total, truncated: false }, response };
  }
}
