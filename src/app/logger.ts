/** The process logger: pino to stderr, with secret fields redacted by path and by value. */
import pino, { type Logger } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export function createLogger(level: LogLevel, redactText: (s: string) => string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["token", "password", "apiKey", "botToken", "authorization", "*.token", "*.password", "*.apiKey", "*.botToken", "*.authorization", "*.signingSecret"], censor: "[REDACTED]" },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
