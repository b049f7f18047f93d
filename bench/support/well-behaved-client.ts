/**
 * The well-behaved client of the abuse benchmark, in its own worker thread so the abusers' work in the main
 * thread never delays its clock: one small chat turn at a time over a WebSocket, 50 ms apart. Posts
 * `{ at, ms, ok }` per turn (`at` on the shared wall clock: timeOrigin + now; `ok` false for a refusal such as
 * `busy`); stops when told.
 */
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

const { port, token } = workerData as { port: number; token: string };
const now = () => performance.timeOrigin + performance.now();
let stopped = false;
parentPort?.on("message", () => {
  stopped = true;
});

const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` } });
ws.on("error", () => undefined);
await new Promise<void>((resolve) => ws.once("message", () => resolve()));
let closed = false;
let onClose = () => undefined as void;
ws.on("close", () => {
  closed = true;
  onClose();
});
parentPort?.postMessage({ ready: true });
for (let id = 1; !stopped && id < 100_000; id++) {
  const myId = `good-${id}`;
  const at = now();
  if (closed) break;
  const answered = await new Promise<{ ok: boolean } | undefined>((resolve) => {
    onClose = () => resolve(undefined);
    const onMessage = (d: Buffer) => {
      const f = JSON.parse(d.toString()) as { type: string; id?: string; ok?: boolean };
      if (f.type === "res" && f.id === myId) {
        ws.off("message", onMessage);
        resolve({ ok: f.ok === true });
      }
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ type: "req", id: myId, method: "chat.send", params: { text: "hi", session: "good" } }));
  });
  if (!answered) break;
  parentPort?.postMessage({ at, ms: now() - at, ok: answered.ok });
  await new Promise((r) => setTimeout(r, 50));
}
ws.close();
parentPort?.postMessage({ done: true });
