// The channels module's boundary for code outside it that needs only the adapter contract and the pairing store.
export type { ChannelAdapter, InboundHandler, InboundMessage, OutboundTarget } from "./types.ts";
export { createPairingStore } from "./pairing-store.ts";
// Test support (fakes, the shared adapter suite) is imported directly by tests, never through here.
