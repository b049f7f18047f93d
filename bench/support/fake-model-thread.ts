/**
 * The loopback model of fake-model.ts in its own worker thread: a benchmark whose main thread drives hundreds of
 * sockets would otherwise delay the model's answers and count that against the gateway. The reply is `z` ×
 * `bigChars` when the last user message starts with `bigPrefix`, else "ok". It keeps when each of the last
 * `KeptTimings` small requests (an "ok" answer) arrived and was answered, so a benchmark can split a small turn's
 * time into the gateway's part before the model, the model's own and the gateway's part after it.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { startFakeModel, type ModelTiming } from "./fake-model.ts";

const KeptTimings = 20_000;

type Rule = { bigPrefix: string; bigChars: number };

export async function startFakeModelThread(rule: Rule): Promise<{ baseUrl: string; calls(): Promise<number>; smallTimings(): Promise<ModelTiming[]>; close(): Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: rule });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { baseUrl: string }) => resolve(m.baseUrl));
    worker.once("error", reject);
  });
  return {
    baseUrl,
    // The model calls answered so far (each turn of a client is one when it uses no tool).
    calls: () =>
      new Promise<number>((resolve) => {
        worker.once("message", (m: { calls: number }) => resolve(m.calls));
        worker.postMessage("calls");
      }),
    // The small requests' timings kept so far, oldest first.
    smallTimings: () =>
      new Promise<ModelTiming[]>((resolve) => {
        worker.once("message", (m: { timings: ModelTiming[] }) => resolve(m.timings));
        worker.postMessage("timings");
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as Partial<Rule> | null)?.bigPrefix !== undefined) {
  const rule = workerData as Rule;
  const big = "z".repeat(rule.bigChars);
  const timings: ModelTiming[] = [];
  const model = await startFakeModel((text) => (text.startsWith(rule.bigPrefix) ? big : "ok"), (t) => {
    if (t.answerChars >= rule.bigChars) return;
    if (timings.length >= KeptTimings) timings.shift();
    timings.push(t);
  });
  const port = parentPort;
  port.on("message", (m: string) => port.postMessage(m === "timings" ? { timings } : { calls: model.calls() }));
  port.postMessage({ baseUrl: model.baseUrl });
}
