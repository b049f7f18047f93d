/**
 * `warden chat --message TEXT`: one turn through the running gateway, over its WebSocket protocol. While the turn
 * runs, an approval it raises is shown here (what, why, expiry) and the owner answers on this terminal: `y` once,
 * `a` always, `n` deny, Enter to leave it pending. Nothing waits silently: a line on stderr says what the command
 * waits for. Ctrl-C leaves: a pending approval stays pending (answer it elsewhere, or it expires), and it is never
 * recorded as the owner's denial.
 */
import { createInterface, type Interface } from "node:readline";
import { loadClientContext } from "../client-context.ts";
import { connectGateway, type GatewayConnection } from "../gateway-client.ts";
import { resolveClientSession } from "../../sessions/session-key.ts";
import type { ApprovalView } from "../../approvals/approvals.ts";
import { renderApprovals } from "./approvals.ts";

type ChatOptions = { message: string; session?: string; port?: number; json?: boolean; timeoutMs?: number };

/** How often a line says what the command still waits for, when nothing else was printed. */
const HEARTBEAT_MS = 15_000;

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}

/** The owner's answer typed on the terminal; undefined leaves the request pending. */
function parseAnswer(line: string): "approve" | "approve-always" | "deny" | undefined {
  const word = line.trim().toLowerCase();
  if (word === "y" || word === "yes" || word === "approve") return "approve";
  if (word === "a" || word === "always") return "approve-always";
  if (word === "n" || word === "no" || word === "d" || word === "deny") return "deny";
  return undefined;
}

/** Approvals of this turn's session, asked one at a time on the terminal, answered through the same connection. */
function createApprovalPrompter(connection: GatewayConnection, say: (text: string) => void) {
  const pending = new Map<string, ApprovalView>();
  const queue: ApprovalView[] = [];
  const lines: string[] = [];
  let asking: ApprovalView | undefined;
  let input: Interface | undefined;
  let inputEnded = !process.stdin.readable;

  const answer = (view: ApprovalView, line: string): void => {
    const decision = parseAnswer(line);
    if (decision === undefined) {
      say(`Approval ${view.id} is left pending until ${clock(view.expiresAt)}: \`warden approvals approve ${view.id}\` or \`warden approvals deny ${view.id}\`, or the dashboard.\n`);
      return next();
    }
    // Answered here: its `approval.resolved` event is ours, not news from elsewhere.
    pending.delete(view.id);
    asking = undefined;
    connection.call("approvals.resolve", { approvalId: view.id, decision }, 30_000).then(
      (resolved) => say(`Approval ${resolved.id}: ${resolved.status}${decision === "approve-always" ? " (always: the exact rule was saved)" : ""}.\n`),
      (error: unknown) => say(`warden: could not answer ${view.id}: ${(error as Error).message}\n`),
    ).finally(next);
  };
  const next = (): void => {
    asking = undefined;
    const view = queue.shift();
    if (view === undefined) return;
    if (!pending.has(view.id)) return next();
    asking = view;
    if (lines.length > 0) return answer(view, lines.shift() ?? "");
    if (inputEnded) {
      say(`No terminal input to answer on: answer with \`warden approvals approve ${view.id}\` (or \`--always\`, or \`deny\`) before ${clock(view.expiresAt)}.\n`);
      asking = undefined;
      return;
    }
    say(`Approve ${view.id}? [y] once  [a] always  [n] deny  (Enter: leave it pending) `);
  };
  const startInput = () => {
    if (input || inputEnded) return;
    input = createInterface({ input: process.stdin, terminal: false });
    input.on("line", (line) => {
      if (asking) answer(asking, line);
      else lines.push(line);
    });
    input.on("close", () => {
      inputEnded = true;
      if (asking) {
        const view = asking;
        asking = undefined;
        say(`\nNo terminal input left: approval ${view.id} stays pending until ${clock(view.expiresAt)}; answer it with \`warden approvals approve ${view.id}\`.\n`);
      }
    });
  };

  return {
    pending,
    requested(view: ApprovalView) {
      pending.set(view.id, view);
      say(`\nThe agent asks for your approval:\n${renderApprovals([view], Date.now())}`);
      queue.push(view);
      startInput();
      if (asking === undefined) next();
    },
    resolved(view: ApprovalView) {
      if (!pending.delete(view.id)) return;
      if (asking?.id === view.id) {
        say(`\nApproval ${view.id} was ${view.status} elsewhere.\n`);
        next();
      } else if (view.status === "expired") {
        say(`Approval ${view.id} expired without an answer; the agent was told it may not do that.\n`);
      }
    },
    close() {
      input?.close();
      // The terminal's stdin is not ours to keep open once the turn is over.
      process.stdin.pause();
    },
  };
}

export async function runChat(options: ChatOptions): Promise<number> {
  const ctx = await loadClientContext();
  const address = resolveClientSession(ctx.config.agent.id, options.session);
  const connection = await connectGateway(ctx, { port: options.port, timeoutMs: options.timeoutMs ?? 600_000 });
  let lastSaid = performance.now();
  const say = (text: string) => {
    lastSaid = performance.now();
    process.stderr.write(text);
  };
  const prompter = createApprovalPrompter(connection, say);
  connection.onEvent((event, payload) => {
    const view = payload as ApprovalView;
    if (event === "approval.requested" && view.sessionKey === address.key) prompter.requested(view);
    else if (event === "approval.resolved") prompter.resolved(view);
  });
  const started = performance.now();
  const heartbeat = setInterval(() => {
    if (performance.now() - lastSaid < HEARTBEAT_MS) return;
    const waiting = [...prompter.pending.values()];
    const seconds = Math.round((performance.now() - started) / 1000);
    say(waiting.length > 0
      ? `… waiting for your answer to approval ${waiting.map((v) => v.id).join(", ")} (expires ${clock(Math.min(...waiting.map((v) => v.expiresAt)))})\n`
      : `… waiting for the gateway's reply (${seconds} s; the model or a tool is still working)\n`);
  }, 1_000);
  const leave = () => {
    const waiting = [...prompter.pending.values()];
    process.stderr.write(waiting.length > 0
      ? `\nStopped waiting. ${waiting.map((v) => `Approval ${v.id} stays pending until ${clock(v.expiresAt)}`).join("; ")}: answer with \`warden approvals approve|deny ID\` or in the dashboard, and the turn goes on in the gateway (its reply is kept in the session's history).\n`
      : "\nStopped: the turn was cancelled.\n");
    process.exit(130);
  };
  process.once("SIGINT", leave);
  try {
    const payload = await connection.call("chat.send", { text: options.message, ...(options.session ? { session: options.session } : {}) });
    if (options.json) process.stdout.write(`${JSON.stringify(payload)}\n`);
    else if (payload.error) process.stderr.write(`warden: ${payload.reply || payload.error.message}\n`);
    else process.stdout.write(`${payload.reply}\n`);
    return payload.error ? 1 : 0;
  } finally {
    process.off("SIGINT", leave);
    clearInterval(heartbeat);
    prompter.close();
    connection.close();
  }
}
