/**
 * `/api`: the skill registry over HTTP. Reads are public (a package's visible releases, the countersigned
 * bundle with its digests, the transparency log and its signed head, the signed revocation feed). Every write
 * is a request signed with an account key (request-auth.ts): create an account, add/retire/revoke a key,
 * publish, read one's own release status with the scanners' findings, report, moderate.
 *
 * Limits: bodies are capped per route and refused unread past the cap; each client address and each account has
 * a request budget per minute; every JSON body is parsed by a strict schema (unknown keys refused). Errors say
 * what was wrong; nothing secret exists here to leak (the registry holds public keys only).
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { isWardenError } from "../core/errors.ts";
import { SkillName } from "../skills/skill-name.ts";
import { AccountName, PublicKey, type Caller } from "./accounts.ts";
import { ModerationActions } from "./moderation.ts";
import type { Registry } from "./registry.ts";
import { RegistryError, RegistryErrorStatus } from "./registry-error.ts";
import { checkClaim, readClaim } from "./request-auth.ts";

export type RegistryRoutesOptions = {
  registry: Registry;
  clientOf: (c: Context) => string;
  now?: () => number;
  /** The largest package upload, bytes. */
  maxPackageBytes?: number;
  /** Requests per client address per minute (reads and writes). */
  requestsPerMinute?: number;
  /** Writes per account per minute. */
  writesPerMinute?: number;
};

const Digest = z.string().regex(/^[0-9a-f]{64}$/);
const Reason = z.string().trim().min(3).max(500);
const createAccountBody = z.strictObject({ name: AccountName, publicKey: PublicKey });
const addKeyBody = z.strictObject({ publicKey: PublicKey, proof: z.string().min(1).max(200) });
const endKeyBody = z.strictObject({ reason: Reason.optional() });
const reportBody = z.strictObject({ reason: Reason });
const moderateBody = z.strictObject({ action: z.enum(ModerationActions), reason: Reason, digest: Digest.optional() });
const SmallBody = 16 * 1024;
const MaxTracked = 10_000;

/** A per-key budget of events in a sliding minute; the least recently used keys are forgotten first. */
function createBudget(perMinute: number, now: () => number) {
  const recent = new Map<string, number[]>();
  return (key: string): boolean => {
    const at = now();
    const times = (recent.get(key) ?? []).filter((t) => at - t < 60_000);
    const ok = times.length < perMinute;
    if (ok) times.push(at);
    recent.delete(key);
    recent.set(key, times);
    if (recent.size > MaxTracked) recent.delete(recent.keys().next().value as string);
    return ok;
  };
}

function refusal(c: Context, error: RegistryError) {
  return c.json({ error: error.code, message: error.message }, RegistryErrorStatus[error.code]);
}

export function createRegistryRoutes(options: RegistryRoutesOptions): Hono {
  const { registry } = options;
  const now = options.now ?? Date.now;
  const maxPackageBytes = options.maxPackageBytes ?? 8 * 1024 * 1024;
  const perClient = createBudget(options.requestsPerMinute ?? 600, now);
  const perAccount = createBudget(options.writesPerMinute ?? 60, now);
  const app = new Hono();

  app.use("/api/*", async (c, next) => {
    if (!perClient(options.clientOf(c))) return c.json({ error: "rate_limited", message: "too many requests from this address; wait a minute" }, 429);
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof RegistryError) return refusal(c, error);
    if (isWardenError(error)) return c.json({ error: "bad_request", message: error.message }, 400);
    throw error;
  });

  const limit = (max: number) => bodyLimit({ maxSize: max, onError: (c) => c.json({ error: "too_large", message: `this request's body is at most ${max} bytes` }, 413) });

  /** The signed caller of a write, and its body bytes (what the signature covered). */
  async function signed(c: Context, options_: { creating?: boolean } = {}): Promise<{ caller?: Caller; body: Buffer; claim: Exclude<ReturnType<typeof readClaim>, { problem: string }> }> {
    const body = Buffer.from(await c.req.arrayBuffer());
    const claim = readClaim((name) => c.req.header(name));
    if ("problem" in claim) throw new RegistryError("unauthorized", claim.problem);
    const url = new URL(c.req.url);
    const parts = { method: c.req.method, pathAndQuery: url.pathname + url.search, body };
    if (options_.creating) {
      // The account does not exist yet: the signature is checked against the key in the body (accounts.create).
      const parsed = createAccountBody.safeParse(parseJson(body));
      if (!parsed.success) throw new RegistryError("bad_request", describe(parsed.error));
      const problem = checkClaim(parts, claim, parsed.data.publicKey, now());
      if (problem !== undefined) throw new RegistryError("unauthorized", problem);
      return { body, claim };
    }
    const caller = await registry.accounts.authenticate(parts, claim);
    if (!perAccount(caller.account)) throw new RegistryError("rate_limited", "too many writes from this account; wait a minute");
    return { caller, body, claim };
  }

  function parseJson(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw new RegistryError("bad_request", "the body is not JSON");
    }
  }
  function describe(error: z.ZodError): string {
    const issue = error.issues[0];
    return `\`${issue?.path.map(String).join(".") ?? ""}\`: ${issue?.message ?? "invalid"}`;
  }
  function bodyOf<T>(schema: z.ZodType<T>, body: Buffer): T {
    const parsed = schema.safeParse(parseJson(body));
    if (!parsed.success) throw new RegistryError("bad_request", describe(parsed.error));
    return parsed.data;
  }
  function param<T>(schema: z.ZodType<T>, value: string | undefined, what: string): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new RegistryError("bad_request", `\`${String(value)}\` is not a ${what}`);
    return parsed.data;
  }

  app.get("/api", (c) => c.json({ registry: registry.registryKey, hideAt: registry.moderation.limits.hideAt, maxPackageBytes }));

  app.post("/api/accounts", limit(SmallBody), async (c) => {
    const { body, claim } = await signed(c, { creating: true });
    const input = bodyOf(createAccountBody, body);
    return c.json(await registry.accounts.create(input.name, input.publicKey, claim), 201);
  });
  app.get("/api/accounts/:name/keys", async (c) => c.json({ keys: await registry.accounts.keys(param(AccountName, c.req.param("name"), "account name")) }));
  app.post("/api/keys", limit(SmallBody), async (c) => {
    const { caller, body } = await signed(c);
    const input = bodyOf(addKeyBody, body);
    return c.json({ keyId: await registry.accounts.addKey(caller as Caller, input.publicKey, input.proof) }, 201);
  });
  for (const how of ["retire", "revoke"] as const) {
    app.post(`/api/keys/:keyId/${how}`, limit(SmallBody), async (c) => {
      const { caller, body } = await signed(c);
      const input = bodyOf(endKeyBody, body);
      if (how === "revoke" && input.reason === undefined) throw new RegistryError("bad_request", "revoking a key needs a reason (it goes into the revocation feed)");
      await registry.accounts.endKey(caller as Caller, c.req.param("keyId"), how, input.reason ?? "rotated");
      return c.json({ ok: true });
    });
  }

  app.post("/api/packages", limit(maxPackageBytes), async (c) => {
    const { caller, body } = await signed(c);
    const release = await registry.releases.submit(caller as Caller, body);
    if (release.status === "pending") registry.enqueue(release.digest);
    return c.json({ ...release, follow: `/api/releases/${release.digest}` }, release.status === "pending" ? 202 : 200);
  });
  // A signed GET: the publisher's view, findings included (rule id, file, line).
  app.get("/api/releases/:digest", async (c) => {
    const { caller } = await signed(c);
    return c.json(await registry.releases.status(caller as Caller, param(Digest, c.req.param("digest"), "release digest")));
  });

  app.get("/api/packages/:name", async (c) => c.json(await registry.releases.package(param(SkillName, c.req.param("name"), "package name"))));
  app.get("/api/packages/:name/download", async (c) => {
    const digest = c.req.query("digest");
    const { release, bytes } = await registry.releases.download(param(SkillName, c.req.param("name"), "package name"), digest === undefined ? undefined : param(Digest, digest, "digest"));
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/json",
      "x-warden-manifest-digest": release.digest,
      "x-warden-bundle-sha256": release.bundleSha256 ?? "",
      "x-warden-sequence": String(release.sequence),
    });
  });

  app.post("/api/packages/:name/reports", limit(SmallBody), async (c) => {
    const { caller, body } = await signed(c);
    const input = bodyOf(reportBody, body);
    return c.json(await registry.moderation.report(caller as Caller, param(SkillName, c.req.param("name"), "package name"), input.reason), 201);
  });
  app.post("/api/packages/:name/moderation", limit(SmallBody), async (c) => {
    const { caller, body } = await signed(c);
    const input = bodyOf(moderateBody, body);
    return c.json(await registry.moderation.moderate(caller as Caller, input.action, param(SkillName, c.req.param("name"), "package name"), input.reason, input.digest));
  });
  app.get("/api/moderation/audit", async (c) => {
    const { caller } = await signed(c);
    if (caller?.role !== "moderator") throw new RegistryError("forbidden", "the audit trail is for moderators");
    return c.json({ entries: await registry.moderation.audit() });
  });

  app.get("/api/revocations.json", async (c) => c.body(await registry.moderation.revocationFeed(), 200, { "content-type": "application/json" }));
  app.get("/api/log", async (c) => {
    const after = Number(c.req.query("after") ?? "0");
    const count = Number(c.req.query("limit") ?? "1000");
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(count) || count < 1 || count > 1000) throw new RegistryError("bad_request", "`after` is a non-negative integer and `limit` 1-1000");
    return c.json({ entries: await registry.logEntries(after, count) });
  });
  app.get("/api/log/head", async (c) => c.json(await registry.logHead()));

  return app;
}
