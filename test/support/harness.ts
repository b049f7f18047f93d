/** Test harness: a real runtime and gateway on loopback, with a scripted model server speaking the real protocol. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { configSchema, type WardenConfigInput, type WardenConfig } from "../../src/config/schema.ts";
import { statePaths, initStateDir, type StatePaths } from "../../src/state/home.ts";
import { createRuntime, type Runtime, type RuntimeOptions, type RuntimeOverrides } from "../../src/app/runtime.ts";
import { resolveGatewayToken } from "../../src/app/gateway-token.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";
import type { RunningGateway } from "../../src/gateway/server.ts";
import { silentLogger } from "../../src/core/logger.ts";

export function tempDir(prefix = "warden-test-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type Harness = {
  home: { path: string; remove(): void };
  paths: StatePaths;
  config: WardenConfig;
  model: ScriptedServer;
  runtime: Runtime;
  gateway: RunningGateway;
  token: string;
  close(): Promise<void>;
};

export async function startHarness(options: {
  config?: WardenConfigInput;
  /** The schema the config is parsed with (one composed with extra channel modules); default `configSchema`. */
  schema?: { parse(input: unknown): unknown };
  provider?: "openai" | "anthropic";
  overrides?: RuntimeOverrides;
  model?: string | null;
} & Pick<RuntimeOptions, "channels" | "extraTools"> = {}): Promise<Harness> {
  const home = tempDir();
  const config = (options.schema ?? configSchema).parse(options.config ?? {}) as WardenConfig;
  const paths = statePaths(join(home.path, "state"), undefined, join(home.path, "keys"));
  initStateDir(paths);
  const model = await startScriptedServer();
  const provider = options.provider ?? "openai";
  const runtime = await createRuntime(
    {
      paths,
      config,
      env: options.model === null ? {} : {
        model: options.model ?? `${provider}/scripted`,
        openaiBaseUrl: model.openaiBaseUrl,
        anthropicBaseUrl: model.anthropicBaseUrl,
        anthropicApiKey: "test-key",
      },
      clock: Date.now,
      log: silentLogger(),
      providerRetries: 0,
      overrides: options.overrides,
      ...(options.channels ? { channels: options.channels } : {}),
      ...(options.extraTools ? { extraTools: options.extraTools } : {}),
    },
  );
  const gateway = await runtime.startGateway({ port: 0 });
  const token = resolveGatewayToken(config, paths, undefined) as string;
  return {
    home,
    paths,
    config,
    model,
    runtime,
    gateway,
    token,
    async close() {
      await gateway.close();
      await model.close();
      await runtime.close();
      home.remove();
    },
  };
}

export type Frame = { type: string; id?: string | null; ok?: boolean; event?: string; payload?: Record<string, unknown>; error?: { code: string; message: string } };

/** A minimal protocol client: collects frames, sends requests, waits for a response by id (bounded). */
export async function connect(url: string, options: { headers?: Record<string, string>; origin?: string; localAddress?: string } = {}): Promise<{
  ws: WebSocket;
  frames: Frame[];
  request(method: string, params: unknown, timeoutMs?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
}> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/ws`, { headers: options.headers, origin: options.origin, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  const frames: Frame[] = [];
  const waiters = new Map<string, (f: Frame) => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    frames.push(frame);
    if (frame.type === "res" && typeof frame.id === "string") waiters.get(frame.id)?.(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let next = 1;
  return {
    ws,
    frames,
    closed,
    request(method, params, timeoutMs = 120_000) {
      const id = String(next++);
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no response to ${method}`)), timeoutMs);
        waiters.set(id, (f) => {
          clearTimeout(timer);
          resolve(f);
        });
        void closed.then(({ code, reason }) => {
          clearTimeout(timer);
          resolve({ type: "closed", error: { code: String(code), message: reason } });
        });
        ws.send(JSON.stringify({ type: "req", id, method, params }));
      });
    },
  };
}
