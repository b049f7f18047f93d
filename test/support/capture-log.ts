/** Test support: a logger from the one factory (same redaction) whose JSON lines are kept for assertions. */
import { createLogger, type Logger } from "../../src/core/logger.ts";

export type LogLine = { level: number; msg?: string; [field: string]: unknown };

export function captureLog(): { log: Logger; lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const log = createLogger({
    level: "debug",
    destination: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  });
  return { log, lines, text: () => raw.join("") };
}
