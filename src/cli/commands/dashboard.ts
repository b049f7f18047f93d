/**
 * `warden dashboard`: asks the running gateway for a one-time link to the UI (`dashboard.code`) and prints it,
 * or opens it in the browser with `--open`. The link carries a single-use code that expires in five minutes in its
 * fragment; the long-lived gateway token never appears in a URL.
 */
import { spawn } from "node:child_process";
import { loadClientContext } from "../client-context.ts";
import { callGateway } from "../gateway-client.ts";
import { printJson } from "../output.ts";

/** The platform's "open this URL" program; undefined where there is none we know. */
function opener(platform: NodeJS.Platform): string | undefined {
  if (platform === "darwin") return "open";
  if (platform === "linux" || platform === "freebsd" || platform === "openbsd") return "xdg-open";
  return undefined;
}

/** Starts the browser and resolves whether the opener could be started (it is not waited for). */
function openInBrowser(url: string): Promise<boolean> {
  const program = opener(process.platform);
  if (program === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(program, [url], { stdio: "ignore", detached: true });
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
}

export async function runDashboard(options: { open?: boolean; json?: boolean; port?: number }): Promise<number> {
  const ctx = await loadClientContext();
  const link = await callGateway(ctx, "dashboard.code", {}, { timeoutMs: 15_000, port: options.port });
  if (options.json) {
    printJson(link);
    return 0;
  }
  const until = new Date(link.expiresAt).toLocaleTimeString();
  if (options.open && (await openInBrowser(link.url))) {
    process.stdout.write(`Opened the dashboard in your browser (the link works once, until ${until}):\n${link.url}\n`);
    return 0;
  }
  if (options.open) process.stderr.write("warden: could not start a browser here; open the link yourself.\n");
  process.stdout.write(`Open the dashboard with this link (it works once, until ${until}; run \`warden dashboard\` again for a new one):\n${link.url}\n`);
  return 0;
}
