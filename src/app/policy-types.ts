/** Types the turn policy shares with the modules it is made of (and with the rooms that feed it). */

/** Where gate decisions, approvals, tool runs and alerts are recorded (the activity log, or the red team's sink). */
export type AuditSink = (entry: { kind: "gate" | "approval" | "tool" | "alert"; actor: string; summary: string; data?: Record<string, unknown> }) => void;

/** Who reads what this turn produces: the owner alone, or others (a contact, a group). */
export type Audience = "owner" | "other";
