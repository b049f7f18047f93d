/**
 * The Control UI's one connection: a WebSocket to this page's own origin (there is no parameter, query or
 * stored setting that can point it anywhere else: CVE-2026-25253 was a `?gatewayUrl=` that did). The
 * credential arrives only in the URL fragment (`#code=` from `warden dashboard`, or `#token=`), is traded for a
 * browser session at the first connect and removed from the address bar; only the session is kept, in
 * sessionStorage. The connection comes back with backoff after a gateway restart; chat sends carry an
 * idempotency key and are re-sent after a reconnect until answered, and the gateway runs each key once.
 */
import type { CallMethod, ChatResult, EventFrame, ErrorBody, ParamsOf, ResultOf } from "../../gateway/protocol.ts";

export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "connected" }
  | { kind: "offline"; retryInMs: number; why: string }
  | { kind: "login-needed"; why: string };

export type CallError = { code: string; message: string };

const SESSION_KEY = "warden.session";
const MAX_BACKOFF_MS = 15_000;

/** Reads and removes the credential from the fragment; undefined when it carries none. */
function takeFragmentCredential(): { code: string } | { token: string } | undefined {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const code = params.get("code");
  const token = params.get("token");
  if (code === null && token === null) return undefined;
  history.replaceState(null, "", location.pathname);
  return code !== null ? { code } : { token: token as string };
}

/** What to tell the owner for a close code the gateway uses (RFC 6455 and Warden's own). */
export function describeClose(code: number, reason: string): string {
  if (code === 1008) return `The gateway refused this page (${reason || "authentication"}). Run \`bin/warden dashboard\` for a fresh link.`;
  if (code === 1011) return "The gateway cannot check credentials right now (a server fault). It will be retried; see `bin/warden doctor`.";
  if (code === 4008) return "The gateway closed this page because it fell behind reading; reconnecting.";
  if (code === 1001 || code === 1006) return "The gateway went away (restart or stop). Reconnecting; start it with `bin/warden gateway` if it stays down.";
  return `The connection closed (${code}${reason ? `: ${reason}` : ""}); reconnecting.`;
}

type Outgoing = { key: string; text: string; session?: string; resolve: (r: ChatResult) => void; reject: (e: CallError) => void };

export type Connection = {
  call<M extends CallMethod | "dashboard.code">(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  /** Sends once, whatever happens to the connection; resolves with the turn's answer. */
  send(text: string, session?: string): { key: string; done: Promise<ChatResult> };
  close(): void;
};

export function createConnection(listeners: { onState(state: ConnectionState): void; onEvent(event: EventFrame): void }): Connection {
  let credential: { code: string } | { token: string } | { session: string } | undefined = takeFragmentCredential();
  if (credential === undefined) {
    const stored = sessionStorage.getItem(SESSION_KEY);
    if (stored !== null) credential = { session: stored };
  }
  let ws: WebSocket | undefined;
  let ready = false;
  let attempt = 0;
  let stopped = false;
  let nextId = 1;
  const pending = new Map<string, { resolve: (payload: unknown) => void; reject: (e: CallError) => void }>();
  // INVARIANT: a send stays here, with its key, until the gateway answered it; re-sent on every reconnect.
  const outbox = new Map<string, Outgoing>();

  const state = (s: ConnectionState) => listeners.onState(s);
  const raw = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (ws === undefined || ws.readyState !== WebSocket.OPEN) return reject({ code: "OFFLINE", message: "Not connected to the gateway; retrying." });
      const id = String(nextId++);
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ type: "req", id, method, params }));
    });
  const flush = (item: Outgoing) => {
    // The page shows the answer growing (chat.delta events), so it asks for it as it is written.
    raw("chat.send", { text: item.text, idempotencyKey: item.key, stream: true, ...(item.session ? { session: item.session } : {}) }).then(
      (result) => {
        outbox.delete(item.key);
        item.resolve(result as ChatResult);
      },
      (error: CallError) => {
        // Offline: it stays in the outbox and goes again after the reconnect. Refused: it is answered.
        if (error.code === "OFFLINE") return;
        outbox.delete(item.key);
        item.reject(error);
      },
    );
  };

  const open = () => {
    if (stopped) return;
    if (credential === undefined) return state({ kind: "login-needed", why: "This page has no login. Run `bin/warden dashboard` and open the link it prints." });
    state({ kind: "connecting", attempt });
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    ws = socket;
    let refused = false;
    socket.addEventListener("open", () => {
      raw("connect", { ...credential, client: "control-ui" }).then(
        (payload) => {
          const session = (payload as { session?: string }).session;
          if (session !== undefined) {
            sessionStorage.setItem(SESSION_KEY, session);
            credential = { session };
          }
          ready = true;
          attempt = 0;
          state({ kind: "connected" });
          for (const item of outbox.values()) flush(item);
        },
        () => {
          refused = true;
        },
      );
    });
    socket.addEventListener("message", (event: MessageEvent<string>) => {
      let frame: { type?: string; id?: string | null; ok?: boolean; payload?: unknown; error?: ErrorBody };
      try {
        frame = JSON.parse(event.data) as typeof frame;
      } catch {
        return;
      }
      if (frame.type === "event") return listeners.onEvent(frame as EventFrame);
      if (frame.type !== "res" || typeof frame.id !== "string") return;
      const waiter = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.ok) waiter?.resolve(frame.payload);
      else waiter?.reject({ code: frame.error?.code ?? "ERROR", message: frame.error?.message ?? "The gateway refused the request." });
    });
    socket.addEventListener("close", (event) => {
      ready = false;
      for (const w of pending.values()) w.reject({ code: "OFFLINE", message: "The connection closed; retrying." });
      pending.clear();
      if (stopped) return;
      if (refused || event.code === 1008) {
        // A spent code or an expired session: only a fresh link helps; never loop on a refused credential.
        sessionStorage.removeItem(SESSION_KEY);
        credential = undefined;
        return state({ kind: "login-needed", why: describeClose(1008, event.reason) });
      }
      attempt += 1;
      const retryInMs = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() / 2);
      state({ kind: "offline", retryInMs, why: describeClose(event.code, event.reason) });
      setTimeout(open, retryInMs);
    });
  };
  open();

  return {
    call: (method, params) => (ready ? raw(method, params) : Promise.reject({ code: "OFFLINE", message: "Not connected to the gateway; retrying." })) as Promise<never>,
    send(text, session) {
      const key = crypto.randomUUID();
      const done = new Promise<ChatResult>((resolve, reject) => {
        const item: Outgoing = { key, text, ...(session ? { session } : {}), resolve, reject };
        outbox.set(key, item);
        if (ready) flush(item);
      });
      return { key, done };
    },
    close() {
      stopped = true;
      ws?.close();
    },
  };
}
