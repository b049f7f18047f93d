/**
 * A loopback model server for benchmarks, speaking OpenAI Chat Completions (streamed SSE or a plain JSON
 * answer): the reply is chosen from the last user message, so one run can mix small and large turns. Unlike
 * the scripted server it records nothing, so a long benchmark does not grow its own memory.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FakeModel = { baseUrl: string; calls(): number; close(): Promise<void> };

/**
 * One answered request, on the shared wall clock (timeOrigin + now, ms): its headers parsed, its body read, its
 * answer handed to the socket. `bytes` is the body's size; `answerChars` the answer's.
 */
export type ModelTiming = { headersAt: number; bodyAt: number; answeredAt: number; bytes: number; answerChars: number };

type ChatBody = { model?: string; stream?: boolean; messages?: { role?: string; content?: unknown }[] };

function lastUserText(body: ChatBody): string {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  if (typeof user?.content === "string") return user.content;
  if (Array.isArray(user?.content)) return user.content.map((p: { text?: unknown }) => (typeof p.text === "string" ? p.text : "")).join("");
  return "";
}

const wallNow = () => performance.timeOrigin + performance.now();

/** `timed`, when given, hears of every chat request answered (for a benchmark that splits a turn's time). */
export async function startFakeModel(reply: (userText: string) => string, timed?: (timing: ModelTiming) => void): Promise<FakeModel> {
  let calls = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const headersAt = wallNow();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const bodyAt = wallNow();
      let body: ChatBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatBody;
      } catch {
        // answered below as an empty request
      }
      if (req.url?.endsWith("/models")) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "bench", object: "model", owned_by: "bench" }] }));
        return;
      }
      if (!req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
        return;
      }
      calls++;
      const text = reply(lastUserText(body));
      const bytes = chunks.reduce((n, c) => n + c.length, 0);
      res.on("finish", () => timed?.({ headersAt, bodyAt, answeredAt: wallNow(), bytes, answerChars: text.length }));
      const model = body.model ?? "bench";
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
      if (body.stream !== true) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
          id: "chatcmpl-bench", object: "chat.completion", created: 0, model,
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage,
        }));
        return;
      }
      const base = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 0, model };
      const frames = [
        { ...base, choices: [{ index: 0, delta: { role: "assistant", content: text }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
        { ...base, choices: [], usage },
      ];
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.end(`${frames.map((f) => `data: ${JSON.stringify(f)}\n\n`).join("")}data: [DONE]\n\n`);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls: () => calls,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
