/**
 * osv.dev's API (https://google.github.io/osv.dev/api/): `POST /v1/querybatch` asks which advisories affect each
 * installed `name@version` (answers carry ids only), then `GET /v1/vulns/{id}` fetches each affecting record.
 * The base URL is configurable (a mirror, or a fake on loopback in tests); `fetch` is injected.
 *
 * Never throws: an unreachable host, a timeout, an HTTP error, an oversized or malformed answer, or more work
 * than the caps allow is `{ ok: false, reason }`, and the caller falls back to the signed snapshot.
 */
import { z } from "zod";
import { describeError } from "../core/errors.ts";
import { osvRecord, type OsvRecord } from "./osv.ts";
import { describeMatch, NPM_ECOSYSTEM, type AdvisoryMatch, type InstalledPackage } from "./osv-match.ts";

export const DEFAULT_OSV_URL = "https://api.osv.dev";

export type OsvClientOptions = {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** Per request. */
  timeoutMs?: number;
};

export type OsvQueryResult = { ok: true; matches: AdvisoryMatch[]; advisoriesFetched: number } | { ok: false; reason: string };

/** osv.dev accepts at most 1,000 queries per batch. */
const BATCH_SIZE = 1000;
const MAX_PAGES_PER_PACKAGE = 10;
const MAX_RECORDS = 2000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const CONCURRENCY = 8;

const batchAnswer = z.object({
  results: z.array(z.object({
    vulns: z.array(z.object({ id: z.string().min(1) })).optional(),
    next_page_token: z.string().optional(),
  })),
});

class OsvFailure extends Error {}

async function call(options: OsvClientOptions, path: string, body?: unknown): Promise<unknown> {
  const url = new URL(path, options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new OsvFailure(`\`${url.origin}\` did not answer (${describeError(error)})`);
  }
  if (Number(response.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw new OsvFailure(`\`${url.href}\` answered more than ${MAX_BODY_BYTES} bytes`);
  }
  const text = await response.text().catch((error: unknown) => { throw new OsvFailure(`reading \`${url.href}\` failed (${describeError(error)})`); });
  if (!response.ok) throw new OsvFailure(`\`${url.href}\` answered HTTP ${response.status}`);
  if (text.length > MAX_BODY_BYTES) throw new OsvFailure(`\`${url.href}\` answered more than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new OsvFailure(`\`${url.href}\` did not answer JSON`);
  }
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OsvFailure(`${what} is not in osv.dev's format (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

/** Advisory ids affecting each package, index-aligned with `packages`; pages followed up to a cap. */
async function queryIds(options: OsvClientOptions, packages: readonly InstalledPackage[]): Promise<string[][]> {
  const ids: string[][] = packages.map(() => []);
  for (let start = 0; start < packages.length; start += BATCH_SIZE) {
    const chunk = packages.slice(start, start + BATCH_SIZE);
    let pending = chunk.map((pkg, i) => ({ at: start + i, pkg, token: undefined as string | undefined }));
    for (let page = 0; pending.length > 0; page++) {
      if (page === MAX_PAGES_PER_PACKAGE) throw new OsvFailure(`osv.dev kept paging past ${MAX_PAGES_PER_PACKAGE} pages`);
      const queries = pending.map((q) => ({ package: { name: q.pkg.name, ecosystem: NPM_ECOSYSTEM }, version: q.pkg.version, ...(q.token === undefined ? {} : { page_token: q.token }) }));
      const answer = parseOr(batchAnswer, await call(options, "v1/querybatch", { queries }), "the batch answer");
      if (answer.results.length !== queries.length) throw new OsvFailure(`osv.dev answered ${answer.results.length} results for ${queries.length} queries`);
      const next: typeof pending = [];
      answer.results.forEach((result, i) => {
        const q = pending[i] as (typeof pending)[number];
        for (const v of result.vulns ?? []) (ids[q.at] as string[]).push(v.id);
        if (result.next_page_token !== undefined && result.next_page_token !== "") next.push({ ...q, token: result.next_page_token });
      });
      pending = next;
    }
  }
  return ids;
}

async function fetchRecords(options: OsvClientOptions, ids: readonly string[]): Promise<Map<string, OsvRecord>> {
  if (ids.length > MAX_RECORDS) throw new OsvFailure(`osv.dev reported ${ids.length} advisories, more than the ${MAX_RECORDS} this audit fetches`);
  const records = new Map<string, OsvRecord>();
  const queue = [...ids];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const record = parseOr(osvRecord, await call(options, `v1/vulns/${encodeURIComponent(id)}`), `advisory \`${id}\``);
      if (record.id !== id) throw new OsvFailure(`asked for advisory \`${id}\`, osv.dev answered \`${record.id}\``);
      records.set(id, record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return records;
}

/** Which of `packages` osv.dev knows advisories for, each with the advisory's record. Must never throw. */
export async function queryOsv(options: OsvClientOptions, packages: readonly InstalledPackage[]): Promise<OsvQueryResult> {
  try {
    const ids = await queryIds(options, packages);
    const records = await fetchRecords(options, [...new Set(ids.flat())]);
    const matches: AdvisoryMatch[] = [];
    packages.forEach((pkg, i) => {
      for (const id of new Set(ids[i])) matches.push(describeMatch(pkg, records.get(id) as OsvRecord));
    });
    return { ok: true, matches, advisoriesFetched: records.size };
  } catch (error) {
    return { ok: false, reason: error instanceof OsvFailure ? error.message : `osv.dev query failed (${describeError(error)})` };
  }
}
