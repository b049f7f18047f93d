/**
 * The one logger factory. Every part of Warden that logs (the gateway and its rooms, channel adapters, the
 * gateway server, the CLI) takes a pino `Logger` made here, or a child of one (`log.child({ channel })`), so one
 * level, one format (JSON lines on stderr) and one redaction apply everywhere.
 * Must never write a secret: fields named like secrets are censored by path, and every string handed to a log
 * method (the message and the string fields of a merged object) passes `redactText` first.
 */
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

const SECRET_FIELDS = ["token", "password", "apiKey", "botToken", "authorization", "signingSecret"];

function redactArg(arg: unknown, redactText: (s: string) => string): unknown {
  if (typeof arg === "string") return redactText(arg);
  if (arg === null || typeof arg !== "object" || Array.isArray(arg) || arg instanceof Error) return arg;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(arg)) out[key] = typeof value === "string" ? redactText(value) : value;
  return out;
}

export function createLogger(options: {
  level: LogLevel;
  /** Replaces known secret values in text (the gateway's known-secrets redactor); identity when omitted. */
  redactText?: (s: string) => string;
  /** Where lines go: stderr (synchronously, so nothing is lost at exit) unless a test captures them. */
  destination?: DestinationStream;
}): Logger {
  const redactText = options.redactText ?? ((s: string) => s);
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`)], censor: "[REDACTED]" },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => redactArg(a, redactText)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

const LEVELS = new Set<string | symbol>(["fatal", "error", "warn", "info", "debug", "trace"]);

/**
 * The same logger, with `redactText` applied to every string it is handed before the root's own redaction: a
 * channel adapter wraps the gateway's logger with its own token (which the gateway may not know by value, when it
 * was read from a file). Children of the result redact too.
 */
export function withRedaction(log: Logger, redactText: (s: string) => string): Logger {
  return new Proxy(log, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (LEVELS.has(property)) return (...args: unknown[]) => (value as (...a: unknown[]) => void).apply(target, args.map((a) => redactArg(a, redactText)));
      if (property === "child") return (...args: unknown[]) => withRedaction((value as (...a: unknown[]) => Logger).apply(target, args), redactText);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** A logger that writes nothing (the red-team runner, benchmarks). */
export function silentLogger(): Logger {
  return createLogger({ level: "silent" });
}
