/**
 * Where update metadata and release files come from: a local directory (a USB stick, a mounted share, a test
 * repository) or an HTTPS mirror. Nothing here is trusted: tuf-js checks every byte against signed metadata and
 * caps every download at the length that metadata allows. Plain http is refused (it would leak what is updated,
 * and a mirror that cannot do TLS is misconfigured); redirects are refused (a mirror serves its own files).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { BaseFetcher } from "tuf-js";
// tuf-js stops walking root versions on its own DownloadHTTPError with 404/403; its index does not export it.
import { DownloadHTTPError } from "tuf-js/dist/error.js";

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** A repository source as the user names it: a directory path or an `https://` URL. Throws on anything else. */
export function repositoryBaseUrl(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const url = new URL(source);
    if (url.protocol !== "https:" && url.protocol !== "file:") throw new Error(`an update repository is a directory or an https:// URL; got \`${url.protocol}\``);
    return url.href.endsWith("/") ? url.href : `${url.href}/`;
  }
  const href = pathToFileURL(source).href;
  return href.endsWith("/") ? href : `${href}/`;
}

export class RepositoryFetcher extends BaseFetcher {
  readonly #fetch: FetchFunction;
  readonly #timeoutMs: number;

  constructor(options: { fetch?: FetchFunction; timeoutMs?: number } = {}) {
    super();
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  override async fetch(url: string): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
    const parsed = new URL(url);
    if (parsed.protocol === "file:") {
      const info = await stat(parsed).catch(() => undefined);
      if (!info?.isFile()) throw new DownloadHTTPError(`not found: ${url}`, 404);
      return Readable.toWeb(createReadStream(parsed)) as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
    if (parsed.protocol !== "https:") throw new Error(`refusing to fetch update files over \`${parsed.protocol}\``);
    const response = await this.#fetch(url, { redirect: "error", signal: AbortSignal.timeout(this.#timeoutMs) });
    if (response.status === 404 || response.status === 403) throw new DownloadHTTPError(`not found: ${url}`, response.status);
    if (!response.ok || !response.body) throw new Error(`the update mirror answered ${response.status} for ${url}`);
    return response.body as ReadableStream<Uint8Array<ArrayBuffer>>;
  }
}
