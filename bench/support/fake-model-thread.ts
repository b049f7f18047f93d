/**
 * The loopback model of fake-model.ts in its own worker thread: a benchmark whose main thread drives hundreds of
 * sockets would otherwise delay the model's answers and count that against the gateway. The reply is `z` ×
 * `bigChars` when the last user message starts with `bigPrefix`, else "ok".
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { startFakeModel } from "./fake-model.ts";

type Rule = { bigPrefix: string; bigChars: number };

export async function startFakeModelThread(rule: Rule): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: rule });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { baseUrl: string }) => resolve(m.baseUrl));
    worker.once("error", reject);
  });
  return {
    baseUrl,
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as Partial<Rule> | null)?.bigPrefix !== undefined) {
  const rule = workerData as Rule;
  const big = "z".repeat(rule.bigChars);
  const model = await startFakeModel((text) => (text.startsWith(rule.bigPrefix) ? big : "ok"));
  parentPort.postMessage({ baseUrl: model.baseUrl });
}
