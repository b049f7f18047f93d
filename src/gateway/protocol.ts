/**
 * The gateway's WebSocket protocol, declared once: requests, responses and events. Error codes travel as data.
 */
import { z } from "zod";
import type { ErrorCode } from "../core/errors.ts";

export const PROTOCOL_VERSION = 1;

const id = z.string().min(1).max(64);

export const requestFrameSchema = z.discriminatedUnion("method", [
  z.strictObject({ type: z.literal("req"), id, method: z.literal("connect"), params: z.strictObject({ token: z.string().max(1024).optional(), password: z.string().max(1024).optional(), client: z.string().max(64).optional() }) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("chat.send"), params: z.strictObject({ text: z.string().min(1).max(100_000), session: z.string().max(256).optional() }) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("chat.history"), params: z.strictObject({ session: z.string().max(256).optional() }) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("approvals.list"), params: z.strictObject({}) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("approvals.resolve"), params: z.strictObject({ approvalId: z.string().min(1).max(64), decision: z.enum(["approve", "approve-always", "deny"]) }) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("pairing.list"), params: z.strictObject({ channel: z.string().max(32).optional() }) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("status"), params: z.strictObject({}) }),
  z.strictObject({ type: z.literal("req"), id, method: z.literal("pairing.approve"), params: z.strictObject({ channel: z.string().max(32), code: z.string().max(32), owner: z.boolean().optional() }) }),
]);
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export type ErrorBody = { code: ErrorCode; message: string; retryable: boolean };

export type ResponseFrame =
  | { type: "res"; id: string; ok: true; payload: unknown }
  | { type: "res"; id: string | null; ok: false; error: ErrorBody };

export type EventFrame =
  | { type: "event"; event: "hello"; payload: { protocol: number; authenticated: boolean } }
  | { type: "event"; event: "chat.delta"; payload: { session: string; delta: string } }
  | { type: "event"; event: "approval.requested"; payload: unknown }
  | { type: "event"; event: "approval.resolved"; payload: unknown };

export type ServerFrame = ResponseFrame | EventFrame;
