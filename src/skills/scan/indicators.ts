/**
 * The scanner's data: hosts that receive stolen data or serve second-stage payloads, the vendor installers that
 * are commonly piped to a shell, and the paths of credentials, browser profiles, wallets and persistence. Lists,
 * not logic: each entry is a fact about the world that a reviewer can check.
 */
import { isIP } from "node:net";
import { classifyAddress } from "../../net/address-policy.ts";

export type HostClass = "exfil" | "paste" | "tunnel" | "installer" | "example";

// Request catchers, chat-bot and webhook APIs: a skill that sends data there sends it to whoever holds the URL.
const exfilHosts = [
  "webhook.site", "requestbin.com", "requestbin.net", "pipedream.net", "m.pipedream.net", "hookbin.com", "beeceptor.com",
  "requestcatcher.com", "webhook.cool", "interact.sh", "oast.pro", "oast.live", "oast.site", "oast.online", "oast.fun",
  "oast.me", "burpcollaborator.net", "oastify.com", "canarytokens.com", "dnslog.cn", "ceye.io", "api.telegram.org",
];
// Paste and anonymous file-sharing sites: ClawHavoc served its macOS stage from glot.io.
const pasteHosts = [
  "pastebin.com", "glot.io", "paste.ee", "hastebin.com", "ghostbin.com", "rentry.co", "rentry.org", "dpaste.com",
  "dpaste.org", "paste.rs", "controlc.com", "justpaste.it", "transfer.sh", "file.io", "0x0.st", "catbox.moe",
  "litterbox.catbox.moe", "gofile.io", "anonfiles.com", "temp.sh", "mega.nz", "mega.co.nz", "mediafire.com",
  "bashupload.com", "oshi.at", "tmpfiles.org", "filebin.net", "pixeldrain.com", "sendspace.com",
];
// Tunnels expose a laptop under a random name: a fixed tunnel URL in a published skill is someone's machine.
const tunnelHosts = ["ngrok.io", "ngrok-free.app", "ngrok.app", "ngrok-free.dev", "trycloudflare.com", "loca.lt", "serveo.net", "localhost.run", "bore.pub", "lhr.life"];
// Vendor install scripts that documentation pipes to a shell. Still reported (medium): the skill runs a script
// it does not pin, but it is the vendor's documented install path, not a campaign's stage.
const installerHosts = [
  "astral.sh", "sh.rustup.rs", "get.docker.com", "brew.sh", "deno.land", "deno.com", "bun.sh", "claude.ai",
  "fnm.vercel.app", "get.pnpm.io", "install.python-poetry.org", "pyenv.run", "get.sdkman.io", "nixos.org",
  "install.determinate.systems", "cli.github.com", "sdk.cloud.google.com", "ollama.com", "ollama.ai", "get.volta.sh",
  "starship.rs", "tailscale.com", "get.scoop.sh", "dl.cloudsmith.io", "packagecloud.io", "deb.nodesource.com", "rpm.nodesource.com", "pixi.sh", "mise.run", "foundry.paradigm.xyz", "opencode.ai", "goose-docs.ai",
];
const installerPaths = [/^raw\.githubusercontent\.com\/(?:homebrew|nvm-sh|ohmyzsh|pyenv|rbenv|creationix)\//i, /^github\.com\/[^/]+\/[^/]+\/releases\//i];

function under(host: string, list: readonly string[]): boolean {
  return list.some((h) => host === h || host.endsWith(`.${h}`));
}

/** What a URL's host is known for, if anything. */
export function classifyHost(url: URL): HostClass | undefined {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const hostPath = `${host}${url.pathname}`;
  if (/^(?:discord(?:app)?\.com|ptb\.discord\.com|canary\.discord\.com)$/.test(host) && /^\/api(?:\/v\d+)?\/webhooks\//.test(url.pathname)) return "exfil";
  if (under(host, exfilHosts)) return "exfil";
  if (under(host, pasteHosts) || host === "gist.githubusercontent.com") return "paste";
  if (under(host, tunnelHosts)) return "tunnel";
  if (/^(?:www\.)?example\.(?:com|org|net)$/.test(host) || /\.(?:example|test|invalid|localhost)$/.test(host)) return "example";
  if (under(host, installerHosts) || installerPaths.some((p) => p.test(hostPath))) return "installer";
  return undefined;
}

/** A vendor's own install host (not any project's GitHub releases, which anyone can publish). */
export function isVendorInstallerHost(url: URL): boolean {
  return under(url.hostname.toLowerCase().replace(/\.$/, ""), installerHosts);
}

/** True for a URL whose host is an IP literal a victim would reach across the internet (not loopback, private or 0.0.0.0). */
export function isRawPublicIp(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 0) return false;
  const c = classifyAddress(host);
  if (c.category === "loopback" || c.category === "private" || c.category === "link_local" || c.category === "invalid") return false;
  return !c.address.startsWith("0.") && c.address !== "::";
}

/** `codeOnly`: named in prose or config all the time (`HISTFILE=…`), so only a command or script that uses it counts. */
/** `sendOnly`: read locally by ordinary tools (a usage report over one's own transcripts); only sending it counts. */
export type SensitivePath = { rule: "credential-read" | "browser-profile-read" | "wallet-read" | "agent-tamper"; what: string; codeOnly?: boolean; sendOnly?: boolean };

// Matched on the text as written, with `\` folded to `/`. Ordered: the first match names the finding.
const sensitivePaths: (SensitivePath & { pattern: RegExp })[] = [
  { pattern: /\.ssh\/(?:id_[a-z0-9_]+|authorized_keys|config|known_hosts)\b|["'`]\.ssh["'`]|~\/\.ssh\b|\$HOME\/\.ssh\b|homedir\(\)[^\n]{0,40}\.ssh/i, rule: "credential-read", what: "SSH keys" },
  { pattern: /\.aws\/credentials|["'`]\.aws["'`]|~\/\.aws\b|\$HOME\/\.aws\b/i, rule: "credential-read", what: "AWS credentials" },
  { pattern: /\.config\/gcloud|\.azure\/|\.kube\/config|\.docker\/config\.json|\.config\/gh\/hosts\.yml|\.netrc\b|\.git-credentials|\.npmrc\b|\.pypirc\b|\.gnupg\b|\.password-store/i, rule: "credential-read", what: "cloud or developer credentials" },
  { pattern: /\.(?:openclaw|clawdbot|moltbot|clawd)\/(?:\.env|credentials|openclaw\.json|clawdbot\.json|auth|agents\/[^\s"']*auth)/i, rule: "credential-read", what: "the agent's own credentials" },
  { pattern: /\.(?:bash|zsh|sh|python|psql|mysql|node_repl)_history\b|ConsoleHost_history\.txt/i, rule: "credential-read", what: "shell or REPL history (it holds typed passwords and tokens)", codeOnly: true },
  { pattern: /Library\/Keychains|login\.keychain|\.keychain-db/i, rule: "credential-read", what: "the macOS keychain" },
  { pattern: /Library\/Messages\/chat\.db|Telegram Desktop|\/tdata\b|Application Support\/Signal|Library\/Mail\/V\d|WhatsApp\/|\.(?:openclaw|clawdbot|moltbot)\/agents\/[^\s"']*sessions|\.claude\/projects\/|\.codex\/sessions/i, rule: "credential-read", what: "private messages or the agent's conversation transcripts", codeOnly: true, sendOnly: true },
  { pattern: /Login Data|logins\.json|key[34]\.db|signons\.sqlite|Local State["'`/]|cookies\.sqlite|Chrome\/(?:Default|Profile \d+)\/Cookies|Network\/Cookies|(?:Application Support|\.config|AppData\/(?:Roaming|Local))\/[^\n"'`]{1,60}\/Cookies\b/i, rule: "browser-profile-read", what: "saved browser (or desktop app) passwords or cookies" },
  // A profile as a whole, or a file in it other than the bookmarks (`places.sqlite`, `Bookmarks`), which hold no secret.
  { pattern: /(?:(?:Google\/Chrome|google-chrome|chromium|BraveSoftware\/Brave-Browser|Microsoft\/Edge|microsoft-edge)\/(?:Default|Profile|User Data)|\.mozilla\/firefox\/|Firefox\/Profiles|Library\/Safari\/|Library\/Cookies)(?![^\s"'`]*\/(?:places\.sqlite|Bookmarks(?:\.plist)?)\b)/i, rule: "browser-profile-read", what: "a browser profile" },
  { pattern: /nkbihfbeogaeaoehlefnkodbefgpgknn|bfnaelmomeimhlpmgjnjophhpkkoljpa|hnfanknocfeofbddgcijnmhnfnkdnaad|ejbalbakoplchlghecdalmeeeajnimhm|egjidjbpglichdcondbcbdnbeeppgdph/i, rule: "wallet-read", what: "a wallet browser extension's storage (MetaMask, Phantom, Coinbase…)" },
  { pattern: /exodus\.wallet|\/Exodus\/|Electrum\/wallets|\.electrum\/wallets|\/atomic\/Local Storage|Ledger Live|\.config\/solana\/id\.json|\.bitcoin\/wallet|wallet\.dat\b|\.ethereum\/keystore|Library\/Application Support\/(?:Exodus|Electrum|Atomic|Coinomi|Guarda|Wasabi)/i, rule: "wallet-read", what: "a cryptocurrency wallet" },
  { pattern: /(?:\.openclaw|\.clawdbot|\.moltbot)\/(?:workspace\/)?(?:SOUL|MEMORY|AGENTS|USER|TOOLS|IDENTITY|HEARTBEAT)\.md|\.claude\/settings(?:\.local)?\.json|\.(?:openclaw|clawdbot)\/(?:skills|hooks)\//i, rule: "agent-tamper", what: "the agent's own instructions, memory or configuration" },
];

/** The first sensitive location `text` names, if any. */
export function findSensitivePath(text: string): (SensitivePath & { index: number }) | undefined {
  const folded = text.replace(/\\\\?/g, "/");
  for (const p of sensitivePaths) {
    const m = p.pattern.exec(folded);
    if (m !== null) return { rule: p.rule, what: p.what, index: m.index, ...(p.codeOnly === true ? { codeOnly: true } : {}), ...(p.sendOnly === true ? { sendOnly: true } : {}) };
  }
  return undefined;
}

// Files and directories the system or a shell runs by itself later.
const persistencePaths = /(?:^|[\s"'=(/~])(?:\.bashrc|\.bash_profile|\.bash_login|\.profile|\.zshrc|\.zprofile|\.zshenv|\.zlogin|\.config\/fish\/config\.fish|Library\/LaunchAgents|Library\/LaunchDaemons|\.config\/systemd\/user|\/etc\/systemd\/system|\/etc\/cron|\/var\/spool\/cron|\.config\/autostart|\/etc\/rc\.local|\/etc\/profile|\/etc\/ld\.so\.preload|\/etc\/sudoers|\/etc\/pam\.d|\/etc\/init\.d|Start Menu\/Programs\/Startup|CurrentVersion\\?\/Run\b|\.git\/hooks\/)/i;

/** Where `text` names a location that runs code later (shell rc files, LaunchAgents, systemd units, cron, autostart). */
export function persistencePathIndex(text: string): number {
  const m = persistencePaths.exec(text.replace(/\\\\?/g, "/"));
  return m === null ? -1 : m.index;
}
