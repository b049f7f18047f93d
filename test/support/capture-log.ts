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

/** A logger that pushes `"<level> <message>"` into `into` (for tests that look for a line by its text). */
export function logInto(into: string[]): Logger {
  const names: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
  return createLogger({
    level: "debug",
    destination: {
      write(line: string) {
        const parsed = JSON.parse(line) as LogLine;
        into.push(`${names[parsed.level] ?? parsed.level} ${parsed.msg ?? ""}`);
      },
    },
  });
}
