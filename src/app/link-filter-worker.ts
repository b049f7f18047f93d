/**
 * The worker thread of link-filter-pool.ts: rewrites one reply's links at a time and posts the result back. Holds
 * no state between jobs; whatever it throws ends the thread, and the pool withholds that reply.
 */
import { parentPort } from "node:worker_threads";
import { rewriteLinks } from "../scan/markdown-links.ts";
import { judgeLink, type LinkFlow } from "./link-judge.ts";

export type LinkFilterJob = { id: number; text: string; flow: LinkFlow };

parentPort?.on("message", (job: LinkFilterJob) => {
  parentPort?.postMessage({ id: job.id, result: rewriteLinks(job.text, (url, kind) => judgeLink(job.flow, url, kind)) });
});
