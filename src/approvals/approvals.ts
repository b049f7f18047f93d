/**
 * Approvals: the owner's answer to an `ask`. A request is bound to the exact action (a hash over the tool,
 * canonical arguments and the facts that matter: cwd, resolved binaries, env); anything that changes between
 * approval and execution voids it. Pending requests expire (deny). Only the owner resolves them, through
 * channels the requester does not control: the CLI, the gateway's control clients, the owner's own chat.
 */
import type { DatabaseSync } from "node:sqlite";
import { createHash, randomBytes as nodeRandomBytes } from "node:crypto";
import type { Migration } from "../state/database.ts";
import type { Decision } from "../core/decision.ts";
import { canonicalJson } from "../core/canonical-json.ts";
import type { Json } from "../core/types.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { parseStoredDetail, type ApprovalDetail } from "./approval-detail.ts";
import { showControls } from "../core/visible-controls.ts";

export const approvalMigrations: readonly Migration[] = [
  {
    id: "approvals-001",
    sql: `CREATE TABLE approvals (
            id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending','approved','denied','expired')),
            session_key TEXT NOT NULL, requester TEXT NOT NULL, tool TEXT NOT NULL, summary TEXT NOT NULL,
            binding TEXT NOT NULL, risk TEXT NOT NULL, reasons TEXT NOT NULL, provenance TEXT NOT NULL,
            resolved_by TEXT, resolved_at INTEGER, always INTEGER NOT NULL DEFAULT 0);
          CREATE INDEX approvals_pending ON approvals(status, expires_at);`,
  },
  {
    // What "approve always" would keep for this request (the exact rule) or why it keeps nothing, as JSON.
    id: "approvals-002",
    sql: "ALTER TABLE approvals ADD COLUMN always_preview TEXT;",
  },
  {
    // The full data-bearing part shown with the request (a write's diff, a message's text), as JSON.
    id: "approvals-003",
    sql: "ALTER TABLE approvals ADD COLUMN detail TEXT;",
  },
];

/** What answering "approve always" would keep: the exact rule, or why no rule can be kept (it is then only approved once). */
export type AlwaysPreview = { ok: true; rule: { binary: string; argv: readonly string[]; match: "exact" | "prefix" } } | { ok: false; why: string };

export type ApprovalAnswer = "approve" | "approve-always" | "deny";
/** `cancelled`: the turn stopped (shutdown, its deadline) before anyone answered; never the owner's denial. */
export type ApprovalOutcome = "approved" | "approved-always" | "denied" | "expired" | "cancelled";

export type ApprovalView = {
  id: string;
  createdAt: number;
  expiresAt: number;
  status: "pending" | "approved" | "denied" | "expired";
  sessionKey: string;
  requester: string;
  tool: string;
  /** What would happen, in one line (the command, the URL, the path and size, the recipient). */
  summary: string;
  risk: string;
  reasons: Decision["reasons"];
  /** Why it was asked, in terms of where the request came from ("after reading https://…"). */
  provenance: string[];
  /** Absent on requests filed before previews were kept. */
  always?: AlwaysPreview;
  /** What exactly would happen in full (a write's diff, a message's whole text); absent when the summary says it all. */
  detail?: ApprovalDetail;
};

export type ApprovalRequest = {
  sessionKey: string;
  requester: string;
  tool: string;
  summary: string;
  binding: string;
  decision: Decision;
  provenance: string[];
  always?: AlwaysPreview;
  detail?: ApprovalDetail;
};

/**
 * The hash an approval is bound to: the action as JSON (undefined fields dropped, as JSON does), in canonical
 * form, so the same action always hashes the same.
 */
export function bindingHash(action: unknown): string {
  const json = JSON.parse(JSON.stringify(action) ?? "null") as Json;
  return createHash("sha256").update(canonicalJson(json)).digest("hex");
}

export type ApprovalService = {
  /**
   * Files a request and waits for the owner's answer, expiry, or `signal` (the turn stopping): a cancelled
   * request is recorded as expired by `cancelled`, not as the owner's denial.
   */
  request(req: ApprovalRequest, signal?: AbortSignal): Promise<{ id: string; outcome: ApprovalOutcome }>;
  list(filter?: { status?: ApprovalView["status"] }): ApprovalView[];
  get(id: string): ApprovalView | undefined;
  resolve(id: string, answer: ApprovalAnswer, by: string): ApprovalView;
  /** Listener for new and resolved requests (gateway events, the owner's chat). */
  subscribe(listener: (event: { type: "requested" | "resolved"; approval: ApprovalView }) => void): () => void;
  close(): void;
};

const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

function newId(randomBytes: (n: number) => Buffer): string {
  const bytes = randomBytes(8);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

type Row = { id: string; created_at: number; expires_at: number; status: ApprovalView["status"]; session_key: string; requester: string; tool: string; summary: string; risk: string; reasons: string; provenance: string; always_preview: string | null; detail: string | null };

/** The detail with every text the owner reads passed through `showControls`. */
function visibleDetail(detail: ApprovalDetail): ApprovalDetail {
  if (detail.kind === "diff") return { ...detail, path: showControls(detail.path), diff: showControls(detail.diff) };
  if (detail.kind === "text") return { ...detail, text: showControls(detail.text) };
  return { ...detail, url: showControls(detail.url), parts: detail.parts.map((p) => ({ name: showControls(p.name), value: showControls(p.value) })) };
}

function visibleAlways(always: AlwaysPreview): AlwaysPreview {
  if (!always.ok) return { ok: false, why: showControls(always.why) };
  return { ok: true, rule: { ...always.rule, binary: showControls(always.rule.binary), argv: always.rule.argv.map((a) => showControls(a)) } };
}

/**
 * INVARIANT: every text of a view is shown with its invisible and direction-changing characters made visible
 * (`showControls`): whatever shows a request (chat, Control UI, CLI) shows what would run, not what it looks like.
 * The stored request and its binding keep the exact text.
 */
function toView(r: Row): ApprovalView {
  const stored = parseStoredDetail(r.detail);
  const detail = stored === undefined ? undefined : visibleDetail(stored);
  return {
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: r.status,
    sessionKey: r.session_key,
    requester: r.requester,
    tool: r.tool,
    summary: showControls(r.summary),
    risk: r.risk,
    reasons: (JSON.parse(r.reasons) as Decision["reasons"]).map((reason) => ({ ...reason, message: showControls(reason.message) })),
    provenance: (JSON.parse(r.provenance) as string[]).map((line) => showControls(line)),
    ...(r.always_preview !== null ? { always: visibleAlways(JSON.parse(r.always_preview) as AlwaysPreview) } : {}),
    ...(detail !== undefined ? { detail } : {}),
  };
}

export function createApprovalService(deps: {
  db: DatabaseSync;
  clock: () => number;
  /**
   * A monotonic clock (ms): decides expiry of the requests this process is waiting on, so a wall-clock step
   * neither stretches nor cuts their time to answer (`expires_at` in the table is wall time, for display).
   */
  monotonic: () => number;
  ttlMs: number;
  randomBytes?: (n: number) => Buffer;
  /** Called before the request waits; the red-team runner's simulated owner answers here. */
  onRequested?: (approval: ApprovalView) => void;
}): ApprovalService {
  const { db, clock } = deps;
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  const waiters = new Map<string, { resolve: (o: ApprovalOutcome) => void; timer: NodeJS.Timeout; deadline: number }>();
  // Timer and abort callbacks run outside any request: a storage fault there must not crash the gateway. The
  // waiter is still answered (expired/denied), and the row is left pending; the next start expires it.
  const bestEffort = (work: () => void) => {
    try {
      work();
    } catch {
      // see above
    }
  };
  const listeners = new Set<(event: { type: "requested" | "resolved"; approval: ApprovalView }) => void>();
  const select = db.prepare("SELECT * FROM approvals WHERE id = ?");
  const emit = (type: "requested" | "resolved", approval: ApprovalView) => {
    for (const l of listeners) {
      try {
        l({ type, approval });
      } catch {
        // A broken listener must not stop the others or the approval itself.
      }
    }
  };
  // Requests left pending by a previous process can never be answered: they expire now.
  db.prepare("UPDATE approvals SET status = 'expired', resolved_at = ? WHERE status = 'pending'").run(clock());

  /** Answers the waiting turn; false when nothing waited (already answered). */
  const finish = (id: string, outcome: ApprovalOutcome): boolean => {
    const w = waiters.get(id);
    if (!w) return false;
    clearTimeout(w.timer);
    waiters.delete(id);
    w.resolve(outcome);
    return true;
  };

  // Clients showing the request (the UI, `warden chat`) learn that it ended without an answer.
  const endedUnanswered = (id: string) => bestEffort(() => {
    const row = select.get(id) as Row | undefined;
    if (row) emit("resolved", toView(row));
  });

  return {
    request(req, signal) {
      const id = newId(randomBytes);
      const now = clock();
      db.prepare(
        `INSERT INTO approvals (id, created_at, expires_at, status, session_key, requester, tool, summary, binding, risk, reasons, provenance, always_preview, detail)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, now, now + deps.ttlMs, req.sessionKey, req.requester, req.tool, req.summary.slice(0, 2000), req.binding, req.decision.risk, JSON.stringify(req.decision.reasons), JSON.stringify(req.provenance), req.always ? JSON.stringify(req.always) : null, req.detail ? JSON.stringify(req.detail) : null);
      const view = toView(select.get(id) as Row);
      const outcome = new Promise<ApprovalOutcome>((resolve) => {
        const timer = setTimeout(() => {
          bestEffort(() => db.prepare("UPDATE approvals SET status = 'expired', resolved_at = ? WHERE id = ? AND status = 'pending'").run(clock(), id));
          if (finish(id, "expired")) endedUnanswered(id);
        }, deps.ttlMs);
        timer.unref();
        waiters.set(id, { resolve, timer, deadline: deps.monotonic() + deps.ttlMs });
      });
      signal?.addEventListener("abort", () => {
        // The owner did not deny anything: nobody can answer a request whose turn is gone, so it ends unanswered.
        bestEffort(() => db.prepare("UPDATE approvals SET status = 'expired', resolved_by = 'cancelled', resolved_at = ? WHERE id = ? AND status = 'pending'").run(clock(), id));
        if (finish(id, "cancelled")) endedUnanswered(id);
      }, { once: true });
      emit("requested", view);
      deps.onRequested?.(view);
      return outcome.then((o) => ({ id, outcome: o }));
    },
    list(filter = {}) {
      const rows = filter.status
        ? db.prepare("SELECT * FROM approvals WHERE status = ? ORDER BY created_at DESC LIMIT 200").all(filter.status)
        : db.prepare("SELECT * FROM approvals ORDER BY created_at DESC LIMIT 200").all();
      return (rows as Row[]).map(toView);
    },
    get(id) {
      const row = select.get(id) as Row | undefined;
      return row ? toView(row) : undefined;
    },
    resolve(id, answer, by) {
      const row = select.get(id) as Row | undefined;
      if (!row) throw new WardenError(ErrorCode.NotFound, `No approval \`${id}\`; see \`warden approvals list\`.`);
      if (row.status !== "pending") throw new WardenError(ErrorCode.BadRequest, `Approval \`${id}\` is already ${row.status}.`);
      const waiting = waiters.get(id);
      const expired = waiting ? waiting.deadline <= deps.monotonic() : row.expires_at <= clock();
      if (expired) {
        db.prepare("UPDATE approvals SET status = 'expired', resolved_at = ? WHERE id = ?").run(clock(), id);
        finish(id, "expired");
        throw new WardenError(ErrorCode.BadRequest, `Approval \`${id}\` has expired.`);
      }
      const status = answer === "deny" ? "denied" : "approved";
      db.prepare("UPDATE approvals SET status = ?, resolved_by = ?, resolved_at = ?, always = ? WHERE id = ?").run(status, by, clock(), answer === "approve-always" ? 1 : 0, id);
      const view = toView(select.get(id) as Row);
      emit("resolved", view);
      finish(id, answer === "deny" ? "denied" : answer === "approve-always" ? "approved-always" : "approved");
      return view;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const id of [...waiters.keys()]) finish(id, "expired");
    },
  };
}
