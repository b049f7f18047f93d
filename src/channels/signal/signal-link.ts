/**
 * Linking signal-cli to a Signal account as a new device, by QR code: `startLink` on a multi-account daemon gives a
 * `sgnl://linkdevice?…` URI (valid a short while); the phone scans it (Signal → Settings → Linked devices → +);
 * `finishLink` waits for that and answers with the account's number. The URI is shown as a QR code in the terminal
 * (`warden signal link`) and as SVG for the Control UI (`channels.signal.link.start`). The URI carries a one-time
 * provisioning key: it is shown to the owner only, never logged.
 */
import { WardenError, ErrorCode } from "../../core/errors.ts";
import { createSignalRpc } from "./signal-rpc.ts";

export type SignalLinkStart = { uri: string; qrText: string; qrSvg: string };

// The QR encoder loads at the first link (the gateway builds a linker at start, whether or not Signal is used).
const qr = () => import("uqr");

/** The QR code of a link URI, for a terminal (two rows per character) and as an SVG image. */
export async function renderLinkQr(uri: string): Promise<{ qrText: string; qrSvg: string }> {
  const { renderSVG, renderUnicodeCompact } = await qr();
  return { qrText: renderUnicodeCompact(uri, { border: 2 }), qrSvg: renderSVG(uri, { border: 2 }) };
}

/** The QR code's modules (true = dark), for a page that draws it itself (the Control UI's CSP allows no data: images). */
export async function linkQrModules(uri: string): Promise<boolean[][]> {
  return (await qr()).encode(uri, { border: 2 }).data;
}

function isLinkUri(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2_000) return false;
  try {
    const url = new URL(value);
    return url.protocol === "sgnl:" || url.protocol === "tsdevice:";
  } catch {
    return false;
  }
}

export type SignalLinker = ReturnType<typeof createSignalLinker>;

/** A linking session against the daemon at `httpUrl` (which must run in multi-account mode: no `-a`). */
export function createSignalLinker(options: { httpUrl: string; fetch?: typeof fetch }) {
  // No `account` param: linking adds an account; the daemon must not be asked for an existing one.
  const rpc = createSignalRpc({ baseUrl: options.httpUrl, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  return {
    async start(): Promise<SignalLinkStart> {
      const result = await rpc.call<{ deviceLinkUri?: unknown }>("startLink", {}, { timeoutMs: 30_000 });
      if (!isLinkUri(result?.deviceLinkUri)) {
        throw new WardenError(ErrorCode.Unavailable, "signal: signal-cli's startLink gave no link URI; run the daemon without `-a` (multi-account mode) to link");
      }
      return { uri: result.deviceLinkUri, ...(await renderLinkQr(result.deviceLinkUri)) };
    },
    /** Waits (at most `timeoutMs`, default 5 minutes) for the phone to scan; resolves with the linked number. */
    async finish(uri: string, deviceName: string, timeoutMs = 300_000, signal?: AbortSignal): Promise<{ number?: string }> {
      const result = await rpc.call<{ number?: unknown }>("finishLink", { deviceLinkUri: uri, deviceName }, { timeoutMs, ...(signal ? { signal } : {}) });
      return typeof result?.number === "string" ? { number: result.number } : {};
    },
  };
}
