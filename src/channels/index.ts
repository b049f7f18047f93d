// The channels module's public surface. The gateway wires these; nothing else should reach deeper.
export type { ChannelAdapter, ChatKind, InboundHandler, InboundMessage, OutboundTarget } from "./types.ts";
export { decideAccess, isOwnerSender, DefaultAccessPolicy, DmPolicies, GroupPolicies, AllowAll } from "./access-control.ts";
export type { AccessDecision, AccessOutcome, AccessState, ChannelAccessPolicy, DmPolicy, GroupPolicy } from "./access-control.ts";
export {
  createPairingStore, migratePairingStore, pairingMigrations, generatePairingCode, normalizePairingCode,
  DefaultPairingLimits, PairingAlphabet, PairingCodeLength,
} from "./pairing-store.ts";
export type {
  ApproveError, ApproveResult, PairedContact, PairingLimits, PairingListing, PairingRequestResult, PairingStore,
  PairingStoreDeps, PendingPairing,
} from "./pairing-store.ts";
export { createInboundPipeline, pairingReplyText } from "./inbound-pipeline.ts";
export type { AcceptedContext, InboundLogEntry, InboundOutcome, InboundPipeline, InboundPipelineOptions } from "./inbound-pipeline.ts";
export { resolveSessionKey, SessionScopes } from "./session-key.ts";
export type { SessionKeyInput, SessionScope } from "./session-key.ts";
export { parseOwnerCommand, looksLikeOwnerCommand } from "./owner-command.ts";
export type { OwnerCommand } from "./owner-command.ts";
export { readSecretFile, redactSecrets } from "./secret-file.ts";
export { resolveChannelSecret } from "./channel-config.ts";
export { renderPairingList, toPairingListJson } from "./pairing-report.ts";
export type { PairingListJson } from "./pairing-report.ts";
export { createTelegramAdapter, splitTelegramText } from "./telegram/telegram-adapter.ts";
export type { TelegramAdapterOptions } from "./telegram/telegram-adapter.ts";
export type { ChannelLogger } from "./channel-logger.ts";
export { normalizeTelegramUpdate } from "./telegram/normalize-update.ts";
export { createSlackAdapter } from "./slack/slack-adapter.ts";
export type { SlackAdapter, SlackAdapterOptions } from "./slack/slack-adapter.ts";
export { verifySlackSignature, computeSlackSignature } from "./slack/verify-signature.ts";
// Test support (adapter-suite.ts, telegram/fake-bot-api.ts, slack/fake-slack.ts) is imported directly by tests.
