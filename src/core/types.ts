/** Who stands behind a message or an action. `system` is a cron job acting for the principal that created it. */
export const PrincipalKind = { Owner: "owner", Contact: "contact", Stranger: "stranger", System: "system" } as const;
export type PrincipalKind = (typeof PrincipalKind)[keyof typeof PrincipalKind];

export type Principal = {
  kind: PrincipalKind;
  /** Channel-scoped sender id (`telegram:12345`, `webchat:owner`). */
  id: string;
  channel: string;
};

/**
 * Where a piece of context came from: `owner`, `contact:<id>`, `external:<origin>`, `tool:<name>`,
 * `system`. Anything but `owner`/`system` taints the turn.
 */
export type Source = string;

/** A JSON value, as tool arguments and protocol payloads carry. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
