import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for a Prompt Guard style classifier server: POST {"text"} → the JSON that
 * `answer` returns, or a raw status / body / silence for failure tests. Records each request body.
 */
export type FakeClassifier = { url: string; requests: { text: string; authorization: string | undefined }[]; close(): Promise<void> };

export type FakeAnswer = { status?: number; json?: unknown; raw?: string; hang?: boolean };

export async function startFakeClassifier(answer: (text: string) => FakeAnswer): Promise<FakeClassifier> {
  const requests: FakeClassifier["requests"] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let text = "";
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: unknown };
        text = typeof body.text === "string" ? body.text : "";
      } catch {
        text = "";
      }
      requests.push({ text, authorization: req.headers.authorization });
      const a = answer(text);
      if (a.hang === true) {
        hanging.add(res);
        return;
      }
      res.writeHead(a.status ?? 200, { "content-type": "application/json" });
      res.end(a.raw ?? JSON.stringify(a.json ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/classify`,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
