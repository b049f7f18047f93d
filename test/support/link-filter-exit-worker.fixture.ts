// A link-filter worker that dies on its first job (a crash in the parser, out of memory): the pool must withhold.
import { parentPort } from "node:worker_threads";

parentPort?.on("message", () => process.exit(3));
