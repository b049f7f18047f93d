// Connected services: (1) per-call cost of Warden's path (namespaced tool → assess → gate decision over the
// context's labels → permit → SSRF-guarded, address-pinned transport → result capped and labelled) against a direct
// SDK client call to the same streamable HTTP server; (2) start time of a stdio server (spawn + MCP initialize)
// under bubblewrap (profile, limits, scrubbed env) against the same server spawned directly by the SDK.
// Bounded: CALLS per call variant, STARTS per start variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startMcpPeer } from "../src/redteam/mcp-peer.ts";
import { connectServer } from "../src/mcp/connection.ts";
import { createMcpTool } from "../src/mcp/mcp-tool.ts";
import { deferShellAnalyzer } from "../src/exec/index.ts";
import { hashToolDefinition } from "../src/mcp/tool-pins.ts";
import { mcpServerSchema } from "../src/mcp/server-config.ts";
import { decide } from "../src/gate/decide.ts";
import { issuePermit } from "../src/gate/permit.ts";
import { detectSandbox } from "../src/sandbox/index.ts";
import { flowOf } from "../test/support/flow.ts";
import { stdioFixtureConfig } from "../test/support/mcp-fixture-server.ts";
import { timeEach } from "./support/timing.ts";

const CALLS = 300;
const STARTS = 6;

const spec = { tools: [{ name: "echo", description: "Echoes.", reply: "echo {{args}}" }] };
const peer = await startMcpPeer(spec);
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-mcp-bench-")));
const figures: Record<string, unknown> = { calls: CALLS, starts: STARTS };
try {
  const direct = new Client({ name: "bench", version: "1" });
  await direct.connect(new StreamableHTTPClientTransport(new URL(peer.url)));
  figures.directSdkCall = await timeEach(CALLS, () => direct.callTool({ name: "echo", arguments: { q: "x" } }));
  await direct.close();

  const sandbox = await detectSandbox();
  const config = mcpServerSchema.parse({ url: peer.url });
  const connection = await connectServer("bench", config, { sandbox, workspace: dir, hiddenPaths: [], secretOf: () => undefined, resolve: async () => ["127.0.0.1"], exempt: [{ address: "127.0.0.1", port: peer.port }] });
  const [definition] = await connection.listTools();
  if (definition === undefined) throw new Error("the bench server listed no tool");
  const pin = { hash: hashToolDefinition(definition), effect: "read-only" as const };
  const tool = createMcpTool({ server: "bench", definition, connection: () => connection, pinned: () => pin, stillServed: () => true, settled: () => Promise.resolve(), secretsAllowed: [], timeoutMs: 10_000, maxOutputBytes: 262_144, suspicious: () => false, tainted: () => true, shell: deferShellAnalyzer() });
  const principal = { kind: "owner" as const, id: "gateway:owner", channel: "webchat" };
  const context = { sessionKey: "bench", principal, signal: new AbortController().signal };
  const flow = flowOf({ sources: ["the MCP server `mail`"] });
  figures.wardenGatedCall = await timeEach(CALLS, async () => {
    const args = { q: "x" };
    const assessment = await tool.assess(args, context);
    const decision = decide({ principal, ownerSession: true, grants: "all", flow, facts: assessment.facts });
    if (decision.decision !== "allow") throw new Error(`unexpected ${decision.decision}`);
    const out = await tool.run(args, context, issuePermit(tool.name, args));
    if (out.isError) throw new Error(out.content);
  });
  // The deterministic part alone (assess, the gate's decision, the permit): what Warden adds before any I/O.
  figures.gateOnly = await timeEach(CALLS * 10, async () => {
    const args = { q: "x" };
    const assessment = await tool.assess(args, context);
    decide({ principal, ownerSession: true, grants: "all", flow, facts: assessment.facts });
    issuePermit(tool.name, args);
  });
  await connection.close();

  const specPath = path.join(dir, "spec.json");
  fs.writeFileSync(specPath, JSON.stringify(spec));
  const fixture = stdioFixtureConfig(specPath);
  figures.stdioStartDirect = await timeEach(STARTS, async () => {
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(new StdioClientTransport({ command: fixture.command, args: fixture.args, stderr: "ignore" }));
    await client.listTools();
    await client.close();
  });
  if (sandbox.kind === "bubblewrap") {
    const stdio = mcpServerSchema.parse({ command: fixture.command, args: fixture.args, readPaths: fixture.readPaths });
    figures.stdioStartBubblewrap = await timeEach(STARTS, async () => {
      const c = await connectServer("bench", stdio, { sandbox, workspace: dir, hiddenPaths: [os.homedir()], secretOf: () => undefined, resolve: async () => [] });
      await c.listTools();
      await c.close();
    });
  } else {
    figures.stdioStartBubblewrap = `unavailable: ${sandbox.why}`;
  }
  console.log(JSON.stringify({ area: "mcp", figures }));
} finally {
  await peer.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
