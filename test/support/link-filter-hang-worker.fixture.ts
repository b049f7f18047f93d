// A link-filter worker that never answers (a parse that does not end): the pool's deadline must end it and withhold.
import { parentPort } from "node:worker_threads";

parentPort?.on("message", () => undefined);
