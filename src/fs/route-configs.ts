/**
 * Folders a sharing or seeding program's own configuration sends out, read in its own format (an INI reader for
 * Samba and qBittorrent, JSON for Transmission): a config that names a folder as shared or seeded makes that folder
 * leave the machine (publish-configs.ts reads these files with the publishers'). Read:
 *  - Samba `smb.conf`: every share section (not `[global]`, `[printers]`, `[print$]`) with a `path`, unless it is
 *    `available = no`; the reason says whether guests may read it;
 *  - Transmission `settings.json` / `transmission.json`: `download-dir` (and `incomplete-dir` when enabled): what it
 *    downloads it seeds to every peer;
 *  - qBittorrent `qBittorrent.ini` / `qBittorrent.conf`: `Session\DefaultSavePath` (`[BitTorrent]`) and
 *    `Downloads\SavePath` (`[Preferences]`).
 * Never throws for a value it cannot read: the parser returns what it found; a file its program cannot parse shares
 * nothing it could name.
 */
import type { ServedPath } from "./web-server-configs.ts";

type Ini = Map<string, Map<string, string>>;

/** An INI file as Samba and Qt read it: `[section]`, `key = value`, `;`/`#` comment lines, keys compared case-folded. */
export function parseIni(text: string): Ini {
  const out: Ini = new Map();
  let section = "";
  out.set(section, new Map());
  for (const raw of text.split(/\r?\n/).slice(0, 20_000)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const head = /^\[([^\]]*)\]$/.exec(line);
    if (head) {
      section = (head[1] as string).trim().toLowerCase();
      if (!out.has(section)) out.set(section, new Map());
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase().replace(/\s+/g, " ");
    const value = line.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    out.get(section)?.set(key, value);
  }
  return out;
}

const yes = (v: string | undefined) => v !== undefined && /^(?:yes|true|1|on)$/i.test(v.trim());
const no = (v: string | undefined) => v !== undefined && /^(?:no|false|0|off)$/i.test(v.trim());
const notShares = new Set(["", "global", "printers", "print$"]);

/** Samba: the shares' folders. */
export function sambaShares(text: string): ServedPath[] {
  const out: ServedPath[] = [];
  for (const [name, keys] of parseIni(text)) {
    const path = keys.get("path") ?? keys.get("directory");
    if (notShares.has(name) || path === undefined || path === "" || no(keys.get("available"))) continue;
    const guests = yes(keys.get("guest ok")) || yes(keys.get("public"));
    out.push({ value: path, key: `Samba shares \`[${name}]\` on the network${guests ? " to guests without a password" : ""}; its \`path\`` });
  }
  return out;
}

/** Transmission: the folders it downloads into and seeds from. */
export function transmissionDirs(text: string): ServedPath[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return [];
  const o = doc as Record<string, unknown>;
  const out: ServedPath[] = [];
  if (typeof o["download-dir"] === "string" && o["download-dir"] !== "") out.push({ value: o["download-dir"], key: "Transmission seeds what it holds to every peer; `download-dir`" });
  if (o["incomplete-dir-enabled"] === true && typeof o["incomplete-dir"] === "string" && o["incomplete-dir"] !== "") out.push({ value: o["incomplete-dir"], key: "Transmission shares pieces from its `incomplete-dir`" });
  return out;
}

/** qBittorrent: its save paths. */
export function qbittorrentDirs(text: string): ServedPath[] {
  const ini = parseIni(text);
  const out: ServedPath[] = [];
  const session = ini.get("bittorrent")?.get("session\\defaultsavepath");
  const prefs = ini.get("preferences")?.get("downloads\\savepath");
  if (session) out.push({ value: session, key: "qBittorrent seeds what it saves; `Session\\DefaultSavePath`" });
  if (prefs) out.push({ value: prefs, key: "qBittorrent seeds what it saves; `Downloads\\SavePath`" });
  return out;
}
