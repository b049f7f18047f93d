/**
 * How adapters report what happened to them. Adapters redact their own secrets before calling it; a logger
 * must still never be handed a token on purpose.
 */
export type ChannelLogger = (level: "debug" | "info" | "warn" | "error", message: string) => void;
