/**
 * `warden signal link`: links signal-cli to your bot's Signal account by QR code, through the signal-cli daemon at
 * `channels.signal.httpUrl` (run it without `-a` while linking). Prints the QR code, waits for the phone to scan
 * it, then says which `channels.signal.account` to set.
 */
import { loadContext } from "../context.ts";
import { printJson } from "../output.ts";

export async function signalLink(options: { deviceName?: string; json?: boolean; timeoutSeconds?: number }): Promise<number> {
  const ctx = loadContext();
  const { createSignalLinker } = await import("../../channels/signal/signal-link.ts");
  const linker = createSignalLinker({ httpUrl: ctx.config.channels.signal.httpUrl });
  const started = await linker.start();
  if (options.json) printJson({ uri: started.uri, qrSvg: started.qrSvg });
  else {
    process.stdout.write(`${started.qrText}\nOn the phone that has the bot's Signal account: Settings → Linked devices → + → scan this code.\nWaiting for the scan…\n`);
  }
  const linked = await linker.finish(started.uri, options.deviceName ?? "Warden", (options.timeoutSeconds ?? 300) * 1000);
  const account = linked.number ?? "(the number of the linked account)";
  if (options.json) printJson({ linked: true, account: linked.number ?? null });
  else {
    process.stdout.write(`Linked ${account}. Now:\n  warden config set channels.signal.account '${account}'\n  warden config set channels.signal.enabled true\nand run the daemon for that account (or set channels.signal.spawn true), then restart the gateway.\n`);
  }
  return 0;
}
