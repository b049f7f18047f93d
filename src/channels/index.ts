// The channels module's public surface. The gateway wires these; nothing else should reach deeper.
export type { ChannelAdapter, InboundHandler, InboundMessage, OutboundTarget } from "./types.ts";
export { createPairingStore } from "./pairing-store.ts";
// Test support (fakes, the shared adapter suite) is imported directly by tests, never through here.
