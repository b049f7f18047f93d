/** Resident memory of a process and all its descendants (from `ps`), for gateways that start helper processes. */
import { spawnSync } from "node:child_process";

export function rssTreeKb(pid: number): number {
  const ps = spawnSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" }).stdout;
  const rows = ps.trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number)) as [number, number, number][];
  const tree = new Set([pid]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [p, pp] of rows) if (tree.has(pp) && !tree.has(p)) { tree.add(p); changed = true; }
  }
  return rows.filter(([p]) => tree.has(p)).reduce((s, [, , rss]) => s + rss, 0);
}
