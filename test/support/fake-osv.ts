/**
 * A fake osv.dev on loopback speaking its API: `POST /v1/querybatch` answers advisory ids per query (matched by
 * Warden's own OSV matcher over the records it was given), paged `pageSize` ids at a time with
 * `next_page_token`; `GET /v1/vulns/{id}` answers the record. `failWith` makes every request answer that
 * HTTP status. Records what it was asked.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { OsvRecord } from "../../src/supply/osv.ts";
import { buildAdvisoryIndex, matchPackages } from "../../src/supply/osv-match.ts";

type Query = { package: { name: string; ecosystem: string }; version: string; page_token?: string };

export type FakeOsv = {
  url: string;
  batches: Query[][];
  vulnRequests: string[];
  failWith: number | undefined;
  close(): Promise<void>;
};

export async function startFakeOsv(records: readonly OsvRecord[], options: { pageSize?: number } = {}): Promise<FakeOsv> {
  const index = buildAdvisoryIndex(records);
  const byId = new Map(records.map((r) => [r.id, r]));
  const pageSize = options.pageSize ?? 1000;
  const fake: FakeOsv = { url: "", batches: [], vulnRequests: [], failWith: undefined, close: async () => {} };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (fake.failWith !== undefined) return json(fake.failWith, { code: 13, message: "unavailable" });
      const path = req.url ?? "/";
      if (req.method === "POST" && path === "/v1/querybatch") {
        const { queries } = JSON.parse(body) as { queries: Query[] };
        fake.batches.push(queries);
        const results = queries.map((q) => {
          const ids = [...new Set(matchPackages([{ name: q.package.name, version: q.version }], index).map((m) => m.id))];
          const from = q.page_token === undefined ? 0 : Number(q.page_token);
          const page = ids.slice(from, from + pageSize);
          const next = from + pageSize < ids.length ? { next_page_token: String(from + pageSize) } : {};
          return page.length === 0 ? next : { vulns: page.map((id) => ({ id, modified: byId.get(id)?.modified })), ...next };
        });
        return json(200, { results });
      }
      const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
      if (req.method === "GET" && vuln?.[1] !== undefined) {
        const id = decodeURIComponent(vuln[1]);
        fake.vulnRequests.push(id);
        const record = byId.get(id);
        return record === undefined ? json(404, { code: 5, message: "Bug not found." }) : json(200, record);
      }
      return json(404, { code: 5, message: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return fake;
}
