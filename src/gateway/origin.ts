/**
 * Browser-origin and Host checks: cross-site WebSocket hijacking and DNS rebinding defenses.
 */
const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackBind(bind: string): boolean {
  return bind === "loopback" || bind === "127.0.0.1" || bind === "::1" || bind === "localhost";
}

/** The bind setting as a listen address. */
export function bindAddress(bind: string): string {
  if (bind === "loopback") return "127.0.0.1";
  if (bind === "lan") return "0.0.0.0";
  return bind;
}

export function allowedOrigins(port: number, extra: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
    set.add(`http://${host}:${port}`);
    set.add(`https://${host}:${port}`);
  }
  for (const o of extra) set.add(new URL(o).origin);
  return set;
}

/** An absent Origin is a non-browser client (it still needs the token); a present one must be ours. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false;
  }
  return allowed.has(normalized);
}

/** On a loopback bind, a Host header naming anything else is a DNS-rebinding attempt. */
export function hostAllowed(hostHeader: string | undefined, bind: string): boolean {
  if (!isLoopbackBind(bind)) return true;
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  return loopbackHosts.has(hostname);
}
