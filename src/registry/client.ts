/**
 * The registry's client (what the CLI uses): signed requests with an account key, downloads checked end to end.
 * `downloadPackage` accepts a bundle only when its bytes hash to the digest the registry announced, the
 * publisher signature verifies, the registry countersignature is there and made by a key the owner trusts, and
 * the manifest digest is the one asked for; the installer then checks the files against the manifest again.
 */
import { createHash } from "node:crypto";
import { Agent, fetch as undiciFetch } from "undici";
import { WardenError, ErrorCode, describeError } from "../core/errors.ts";
import { parseBundle } from "../skills/package-source.ts";
import { manifestDigest } from "../skills/package-manifest.ts";
import { checkSignatures, type KeyFile } from "../skills/signing.ts";
import { signRequest } from "./request-auth.ts";

/** Answers larger than this are refused (a package's own limit is lower). */
const MaxAnswerBytes = 128 * 1024 * 1024;

export type RegistryClient = ReturnType<typeof createRegistryClient>;

/**
 * Every request on a connection of its own. A kept-alive connection can be closed by the server for idleness just as
 * the next request is sent on it (a server whose event loop was busy past its keep-alive timeout closes the socket
 * before it reads the request waiting there), and the request then fails with `other side closed` though the
 * server is up; a retry would be unsafe for a publish or an account change. A command line makes a handful of
 * requests, so a new connection each costs little and removes the race for every method.
 */
const freshConnections = new Agent({ pipelining: 0 });
const fetchOnFreshConnection = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
  undiciFetch(input, { ...init, dispatcher: freshConnections })) as unknown as typeof fetch;

export function createRegistryClient(baseUrl: string, options: { key?: KeyFile; fetch?: typeof fetch; timeoutMs?: number } = {}) {
  const base = new URL(baseUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new WardenError(ErrorCode.BadRequest, `\`${baseUrl}\` is not an http(s) URL`);
  const doFetch = options.fetch ?? fetchOnFreshConnection;
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function request(method: string, path: string, init: { body?: Uint8Array; signed?: boolean } = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const url = new URL(path, base);
    const body = init.body ?? new Uint8Array();
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.signed) {
      if (options.key === undefined) throw new WardenError(ErrorCode.BadRequest, "this registry request must be signed: pass --key FILE (your account key)");
      Object.assign(headers, signRequest({ method, pathAndQuery: url.pathname + url.search, body }, options.key));
    }
    let res: Response;
    try {
      res = await doFetch(url, { method, headers, ...(init.body !== undefined ? { body: body as Uint8Array<ArrayBuffer> } : {}), redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new WardenError(ErrorCode.Unavailable, `the registry at ${base.origin} could not be reached (${describeError(error)})`, { retryable: true });
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > MaxAnswerBytes) throw new WardenError(ErrorCode.LimitExceeded, `the registry's answer is ${declared} bytes; refusing more than ${MaxAnswerBytes}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MaxAnswerBytes) throw new WardenError(ErrorCode.LimitExceeded, `the registry's answer is larger than ${MaxAnswerBytes} bytes`);
    return { status: res.status, headers: res.headers, bytes };
  }

  async function json<T>(method: string, path: string, init: { body?: unknown; signed?: boolean } = {}): Promise<T> {
    const res = await request(method, path, { ...(init.body !== undefined ? { body: Buffer.from(JSON.stringify(init.body)) } : {}), ...(init.signed ? { signed: true } : {}) });
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.bytes.toString("utf8"));
    } catch {
      throw new WardenError(ErrorCode.Unavailable, `the registry answered HTTP ${res.status} with something that is not JSON`);
    }
    if (res.status >= 400) {
      const message = (parsed as { message?: unknown }).message;
      throw new WardenError(res.status === 404 || res.status === 410 ? ErrorCode.NotFound : res.status === 429 ? ErrorCode.RateLimited : res.status === 401 || res.status === 403 ? ErrorCode.AuthFailed : ErrorCode.BadRequest,
        `the registry refused (HTTP ${res.status}): ${typeof message === "string" ? message : "no reason given"}`);
    }
    return parsed as T;
  }

  return {
    base: base.href,
    request,
    get: <T>(path: string, signed = false) => json<T>("GET", path, { signed }),
    post: <T>(path: string, body: unknown) => json<T>("POST", path, { body, signed: true }),
    /** Uploads a bundle's bytes (from `warden skills pack`) as-is. */
    publish: async <T>(bundle: Buffer) => {
      const res = await request("POST", "/api/packages", { body: bundle, signed: true });
      const parsed = JSON.parse(res.bytes.toString("utf8")) as T & { message?: string };
      if (res.status >= 400) throw new WardenError(res.status === 429 ? ErrorCode.RateLimited : ErrorCode.BadRequest, `the registry refused the package (HTTP ${res.status}): ${parsed.message ?? ""}`);
      return parsed;
    },
  };
}

export type DownloadedPackage = { bytes: Buffer; name: string; digest: string; sequence: number; bundleSha256: string; publisher: string; registryKeyId: string };

/** Downloads the newest visible release of `name` (or the one with `digest`) and checks it end to end. */
export async function downloadPackage(client: RegistryClient, name: string, trustedRegistryKeys: readonly string[], digest?: string): Promise<DownloadedPackage> {
  const meta = await client.get<{ releases: { digest: string; sequence: number; bundleSha256: string }[] }>(`/api/packages/${encodeURIComponent(name)}`);
  const release = digest === undefined ? meta.releases[0] : meta.releases.find((r) => r.digest === digest);
  if (release === undefined) throw new WardenError(ErrorCode.NotFound, `the registry has no downloadable release of \`${name}\`${digest ? ` with digest ${digest}` : ""}`);
  const res = await client.request("GET", `/api/packages/${encodeURIComponent(name)}/download?digest=${release.digest}`);
  if (res.status !== 200) throw new WardenError(ErrorCode.NotFound, `the registry did not serve \`${name}\` (HTTP ${res.status})`);
  const refused = (why: string) => new WardenError(ErrorCode.BadRequest, `refused \`${name}\` from ${client.base}: ${why}`);
  const actual = createHash("sha256").update(res.bytes).digest("hex");
  if (actual !== release.bundleSha256 || res.headers.get("x-warden-bundle-sha256") !== release.bundleSha256) throw refused(`the download's SHA-256 ${actual} is not the announced ${release.bundleSha256}`);
  const { envelope } = parseBundle(res.bytes, "the download");
  if (manifestDigest(envelope.manifest) !== release.digest) throw refused("the manifest digest is not the one the registry announced");
  if (envelope.manifest.name !== name) throw refused(`the package is \`${envelope.manifest.name}\`, not \`${name}\``);
  const check = checkSignatures(envelope);
  if (!check.ok) throw refused(check.reason);
  if (check.signer === null) throw refused("the package is not signed by a publisher");
  const registry = envelope.signatures.registry;
  if (registry === null || check.registry === null) throw refused("the package carries no registry countersignature");
  if (!trustedRegistryKeys.some((k) => k === registry.keyId || k === registry.publicKey)) {
    throw refused(`the countersignature is by \`${registry.keyId}\`, which is not a registry key you trust (add it to skills.revocationKeys, or pass --registry-key)`);
  }
  if (registry.sequence !== release.sequence) throw refused(`the countersignature's sequence ${registry.sequence} is not the announced ${release.sequence}`);
  return { bytes: res.bytes, name, digest: release.digest, sequence: registry.sequence, bundleSha256: actual, publisher: check.signer.publisher, registryKeyId: registry.keyId };
}
