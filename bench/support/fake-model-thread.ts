/**
 * The loopback model of fake-model.ts in its own worker thread: a benchmark whose main thread drives hundreds of
 * sockets would otherwise delay the model's answers and count that against the gateway. The reply is `z` ×
 * `bigChars` when the last user message starts with `bigPrefix`, else "ok".
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { startFakeModel } from "./fake-model.ts";

type Rule = { bigPrefix: string; bigChars: number };

export async function startFakeModelThread(rule: Rule): Promise<{ baseUrl: string; calls(): Promise<number>; close(): Promise<void> }> {
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
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as Partial<Rule> | null)?.bigPrefix !== undefined) {
  const rule = workerData as Rule;
  const big = "z".repeat(rule.bigChars);
  const model = await startFakeModel((text) => (text.startsWith(rule.bigPrefix) ? big : "ok"));
  const port = parentPort;
  port.on("message", () => port.postMessage({ calls: model.calls() }));
  port.postMessage({ baseUrl: model.baseUrl });
}
