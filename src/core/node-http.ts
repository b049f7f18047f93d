/**
 * `node:http`'s functions, taken from the CommonJS module. A static `import … from "node:http"` builds the ES module
 * namespace, which reads every export, and that includes the lazy `WebSocket`, `CloseEvent` and `MessageEvent`
 * getters: they load Node's bundled undici (~15 MB resident, measured on Node 24.21) into a process that may never
 * open a WebSocket client or call `fetch`. Production code imports `node:http` for its types only and takes its
 * functions from here (eslint's `no-restricted-imports` says so).
 */
const http = process.getBuiltinModule("node:http");

export const { createServer, request } = http;
