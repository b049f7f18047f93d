/** The first bytes of a file, read through one descriptor (a shebang, a magic number, a bounded text head). */
import { closeSync, lstatSync, openSync, readSync } from "node:fs";

/** Up to `bytes` bytes from the start of the file at `path` (fewer when it is shorter). Throws when it cannot be opened. */
export function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` of a regular file (not through a link) as UTF-8; undefined when it is no such file or cannot be read. */
export function readTextHead(path: string, bytes: number): string | undefined {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    return readHead(path, bytes).toString("utf8");
  } catch {
    return undefined;
  }
}
