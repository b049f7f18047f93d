/** Reading an HTTP request body with a size cap, for the servers Warden runs (receivers and loopback peers). */
import type { IncomingMessage } from "node:http";

/** Thrown when a body passes its cap; the request stream is destroyed by then. */
export class BodyTooLargeError extends Error {}

/** Reads the whole body, refusing (and discarding) anything past `limit` bytes. */
export async function readBodyLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    // Leaving the loop by throwing destroys the stream: nothing more is read.
    if (size > limit) throw new BodyTooLargeError(`the body is larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
