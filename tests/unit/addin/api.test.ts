// The callable client with a fake transport: chunking, retries with the same requestId,
// cancellation between chunks, error decoding.
import { createApiClient } from '@taizhang/client';
import { utf8Length } from '@taizhang/ledger';
import { planChunks, jsonBytes } from '@taizhang/client';
import { ApiError, splitBilingual } from '@taizhang/client';
import { withRetry } from '@taizhang/client';
import { fetchTransport } from '@taizhang/client';
import type { PushRow } from '@taizhang/client';

const noSleep = async () => {};

function rows(n: number, size = 10): PushRow[] {
  return Array.from({ length: n }, (_, i) => ({ key: `k${i}`, values: { description: '问'.repeat(size) } }));
}

describe('planChunks', () => {
  it('cuts at 500 rows', () => {
    const c = planChunks(rows(1201));
    expect(c.map((x) => x.length)).toEqual([500, 500, 201]);
  });
  it('cuts by bytes before rows', () => {
    const big = rows(100, 10_000); // ~30 KB each
    const c = planChunks(big, { maxBytes: 100_000 });
    for (const chunk of c) expect(jsonBytes(chunk)).toBeLessThanOrEqual(100_000);
    expect(c.flat()).toHaveLength(100);
  });
  it('keeps order and loses nothing', () => {
    const all = rows(1234);
    expect(planChunks(all, { maxRows: 7 }).flat()).toEqual(all);
  });
  it('an oversized single row travels alone', () => {
    expect(planChunks(rows(3, 50_000), { maxBytes: 1000 }).map((x) => x.length)).toEqual([1, 1, 1]);
  });
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('a问𠀀')).toBe(1 + 3 + 4);
  });
});

describe('withRetry', () => {
  it('retries transient failures, then succeeds', async () => {
    let n = 0;
    const r = await withRetry(
      async () => {
        if (++n < 3) throw new ApiError('UNAVAILABLE', { zh: 'x', en: 'x' });
        return 'ok';
      },
      { sleep: noSleep },
    );
    expect(r).toBe('ok');
    expect(n).toBe(3);
  });
  it('does not retry permanent failures', async () => {
    let n = 0;
    await expect(
      withRetry(
        async () => {
          n++;
          throw new ApiError('INVALID_ARGUMENT', { zh: 'x', en: 'x' });
        },
        { sleep: noSleep },
      ),
    ).rejects.toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(n).toBe(1);
  });
  it('gives up after the attempts with a bilingual message', async () => {
    const e = await withRetry(
      async () => {
        throw new ApiError('NETWORK', { zh: '断网', en: 'offline' });
      },
      { sleep: noSleep, attempts: 3 },
    ).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.zh).toContain('3');
    expect(e.en).toContain('3 attempts');
  });
});

describe('createApiClient.pushRows', () => {
  it('sends chunks of ≤ 500 with a fresh requestId each, and retries a chunk with the SAME requestId', async () => {
    const seen: { requestId: string; n: number }[] = [];
    let failOnce = true;
    const api = createApiClient(
      async (_name, data: any) => {
        seen.push({ requestId: data.requestId, n: data.rows.length });
        if (failOnce && seen.length === 2) {
          failOnce = false;
          throw new ApiError('DEADLINE_EXCEEDED', { zh: '超时', en: 'timeout' });
        }
        return { results: data.rows.map((r: PushRow) => ({ key: r.key, status: 'created', id: 'P-140702-2022-000001', version: 1, values: {} })) };
      },
      { retry: { sleep: noSleep } },
    );
    const results = await api.pushRows('problems', rows(1100));
    expect(results).toHaveLength(1100);
    expect(seen.map((x) => x.n)).toEqual([500, 500, 500, 100]);
    expect(seen[1]!.requestId).toBe(seen[2]!.requestId);
    expect(new Set(seen.map((x) => x.requestId)).size).toBe(3);
  });

  it('stops between chunks when cancelled; what was answered was delivered', async () => {
    const ac = new AbortController();
    const delivered: number[] = [];
    const api = createApiClient(async (_n, data: any) => ({
      results: data.rows.map((r: PushRow) => ({ key: r.key, status: 'unchanged', id: 'x', version: 1 })),
    }));
    const e = await api
      .pushRows('problems', rows(1500), {
        signal: ac.signal,
        onChunk: (p) => {
          delivered.push(p.results.length);
          if (p.chunk === 0) ac.abort();
        },
      })
      .catch((x) => x);
    expect(e).toMatchObject({ status: 'CANCELLED' });
    expect(delivered).toEqual([500]);
  });

  it('a mismatched answer is an error, never silently accepted', async () => {
    const api = createApiClient(async () => ({ results: [] }));
    await expect(api.pushRows('problems', rows(2))).rejects.toMatchObject({ status: 'INTERNAL' });
  });
});

describe('fetchTransport', () => {
  const ok =
    (body: unknown, status = 200) =>
    async () =>
      new Response(JSON.stringify(body), { status });
  const t = (f: typeof fetch) => fetchTransport({ origin: 'http://h:1', project: 'p', region: 'r', getIdToken: () => 'tok', fetch: f });

  it('posts {data} with the bearer token to origin/project/region/name', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const f = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify({ result: { ok: 1 } }));
    }) as unknown as typeof fetch;
    expect(await t(f)('getProfile', {})).toEqual({ ok: 1 });
    expect(seen!.url).toBe('http://h:1/p/r/getProfile');
    expect((seen!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(String(seen!.init.body))).toEqual({ data: {} });
  });
  it('decodes a callable error with status and both languages', async () => {
    const e = await t(ok({ error: { status: 'PERMISSION_DENIED', message: '无权 / Not allowed' } }, 403) as unknown as typeof fetch)('pushRows', {}).catch(
      (x) => x,
    );
    expect(e).toMatchObject({ status: 'PERMISSION_DENIED', zh: '无权', en: 'Not allowed' });
  });
  it('a network failure is NETWORK (transient)', async () => {
    const e = await t((async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch)('pullRows', {}).catch((x) => x);
    expect(e).toMatchObject({ status: 'NETWORK', transient: true });
  });
  it('an HTML 503 page is UNAVAILABLE', async () => {
    const f = (async () => new Response('<html>busy</html>', { status: 503 })) as unknown as typeof fetch;
    expect(await t(f)('pullRows', {}).catch((x) => x)).toMatchObject({ status: 'UNAVAILABLE' });
  });
  it('splitBilingual', () => {
    expect(splitBilingual('中 / en')).toEqual({ zh: '中', en: 'en' });
    expect(splitBilingual('only')).toEqual({ zh: 'only', en: 'only' });
  });
});
