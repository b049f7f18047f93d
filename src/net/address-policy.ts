/**
 * Which IP addresses web_fetch may connect to. Everything that is not plainly a public unicast address is
 * refused: loopback, private, link-local, CGNAT, benchmark, documentation, multicast, reserved, unspecified,
 * cloud metadata, and every IPv6 form that embeds an IPv4 address (mapped, compatible, SIIT, NAT64, 6to4,
 * Teredo) is judged by the IPv4 address it carries.
 */
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { Reason } from "../core/decision.ts";

export const AddressCategory = {
  Public: "public",
  Loopback: "loopback",
  Private: "private",
  LinkLocal: "link_local",
  Metadata: "metadata",
  Special: "special",
  Invalid: "invalid",
} as const;
export type AddressCategory = (typeof AddressCategory)[keyof typeof AddressCategory];

/** Stable reason ids per category; `url.public` is the only one that allows. */
const reasonIds: Record<AddressCategory, string> = {
  public: "url.public",
  loopback: "url.loopback",
  private: "url.private_address",
  link_local: "url.link_local",
  metadata: "url.metadata",
  special: "url.special_address",
  invalid: "url.invalid_address",
};

export type AddressClass = {
  allowed: boolean;
  category: AddressCategory;
  /** The canonical form of the address (what a connection must use), `""` when it did not parse. */
  address: string;
  /** The range that matched, e.g. `127.0.0.0/8`, or how an embedded IPv4 address was found. */
  range?: string;
  reason?: Reason;
};

type Range = { cidr: string; category: AddressCategory; label: string };

// Cloud metadata endpoints come first: several sit inside wider ranges (link-local, CGNAT) or even in
// public space (Azure's 168.63.129.16), and the more specific reason is the useful one.
const v4Ranges: Range[] = [
  { cidr: "169.254.169.254/32", category: "metadata", label: "cloud instance metadata (AWS, GCP, Azure, OCI…)" },
  { cidr: "169.254.170.2/32", category: "metadata", label: "AWS ECS task metadata" },
  { cidr: "169.254.169.253/32", category: "metadata", label: "AWS VPC DNS resolver" },
  { cidr: "100.100.100.200/32", category: "metadata", label: "Alibaba Cloud metadata" },
  { cidr: "168.63.129.16/32", category: "metadata", label: "Azure WireServer / host agent" },
  { cidr: "192.0.0.192/32", category: "metadata", label: "Oracle Cloud metadata" },
  { cidr: "0.0.0.0/8", category: "special", label: "unspecified / this network" },
  { cidr: "10.0.0.0/8", category: "private", label: "private network (RFC 1918)" },
  { cidr: "100.64.0.0/10", category: "private", label: "carrier-grade NAT shared space (RFC 6598)" },
  { cidr: "127.0.0.0/8", category: "loopback", label: "loopback" },
  { cidr: "169.254.0.0/16", category: "link_local", label: "link-local" },
  { cidr: "172.16.0.0/12", category: "private", label: "private network (RFC 1918)" },
  { cidr: "192.0.0.0/24", category: "special", label: "IETF protocol assignments" },
  { cidr: "192.0.2.0/24", category: "special", label: "documentation (TEST-NET-1)" },
  { cidr: "192.31.196.0/24", category: "special", label: "AS112" },
  { cidr: "192.52.193.0/24", category: "special", label: "AMT" },
  { cidr: "192.88.99.0/24", category: "special", label: "6to4 relay anycast" },
  { cidr: "192.168.0.0/16", category: "private", label: "private network (RFC 1918)" },
  { cidr: "192.175.48.0/24", category: "special", label: "AS112 direct delegation" },
  { cidr: "198.18.0.0/15", category: "special", label: "benchmarking (RFC 2544)" },
  { cidr: "198.51.100.0/24", category: "special", label: "documentation (TEST-NET-2)" },
  { cidr: "203.0.113.0/24", category: "special", label: "documentation (TEST-NET-3)" },
  { cidr: "224.0.0.0/4", category: "special", label: "multicast" },
  { cidr: "240.0.0.0/4", category: "special", label: "reserved (class E) and broadcast" },
];

const v6Ranges: Range[] = [
  { cidr: "fd00:ec2::254/128", category: "metadata", label: "AWS instance metadata (IPv6)" },
  { cidr: "fd00:ec2::23/128", category: "metadata", label: "AWS time sync / DNS (IPv6)" },
  { cidr: "::/128", category: "special", label: "unspecified" },
  { cidr: "::1/128", category: "loopback", label: "loopback" },
  { cidr: "64:ff9b:1::/48", category: "private", label: "local-use NAT64 (RFC 8215)" },
  { cidr: "100::/64", category: "special", label: "discard-only" },
  { cidr: "2001:2::/48", category: "special", label: "benchmarking" },
  { cidr: "2001:db8::/32", category: "special", label: "documentation" },
  { cidr: "2001::/23", category: "special", label: "IETF protocol assignments" },
  { cidr: "3fff::/20", category: "special", label: "documentation" },
  { cidr: "5f00::/16", category: "special", label: "SRv6 SIDs" },
  { cidr: "fc00::/7", category: "private", label: "unique local" },
  { cidr: "fe80::/10", category: "link_local", label: "link-local" },
  { cidr: "fec0::/10", category: "private", label: "site-local (deprecated)" },
  { cidr: "ff00::/8", category: "special", label: "multicast" },
];

type ParsedRange = Range & { net: [ipaddr.IPv4 | ipaddr.IPv6, number] };
const parsedV4: ParsedRange[] = v4Ranges.map((r) => ({ ...r, net: ipaddr.parseCIDR(r.cidr) }));
const parsedV6: ParsedRange[] = v6Ranges.map((r) => ({ ...r, net: ipaddr.parseCIDR(r.cidr) }));
const globalUnicast = ipaddr.parseCIDR("2000::/3");

function describe(category: AddressCategory, address: string, label: string): Reason {
  const id = reasonIds[category];
  if (category === "public") return { id, message: `\`${address}\` is a public address` };
  return {
    id,
    message: `\`${address}\` is ${label}; web_fetch never connects to ${category === "metadata" ? "metadata endpoints" : "non-public addresses"}`,
  };
}

function verdict(address: string, category: AddressCategory, label: string, range?: string): AddressClass {
  const result: AddressClass = { allowed: category === "public", category, address, reason: describe(category, address, label) };
  if (range !== undefined) result.range = range;
  return result;
}

function classifyV4(ip: ipaddr.IPv4, shown: string, via?: string): AddressClass {
  for (const r of parsedV4) {
    if (ip.match(r.net)) {
      const label = via === undefined ? `${r.label} (${r.cidr})` : `${via} embedding ${ip.toString()}, ${r.label} (${r.cidr})`;
      return verdict(shown, r.category, label, r.cidr);
    }
  }
  return verdict(shown, "public", "public");
}

function v4FromParts(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/** The IPv4 addresses an IPv6 address carries, for every transition mechanism a packet could follow. */
function embeddedV4(ip: ipaddr.IPv6): { via: string; v4: ipaddr.IPv4[]; deprecated: boolean } | undefined {
  const p = ip.parts as [number, number, number, number, number, number, number, number];
  const zeros = (from: number, to: number): boolean => p.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && p[5] === 0xffff) return { via: "an IPv4-mapped address", v4: [v4FromParts(p[6], p[7])], deprecated: false };
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) {
    return { via: "an IPv4-translated (SIIT) address", v4: [v4FromParts(p[6], p[7])], deprecated: true };
  }
  if (zeros(0, 6)) return { via: "an IPv4-compatible address", v4: [v4FromParts(p[6], p[7])], deprecated: true };
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) {
    return { via: "a NAT64 address", v4: [v4FromParts(p[6], p[7])], deprecated: false };
  }
  if (p[0] === 0x2002) return { via: "a 6to4 address", v4: [v4FromParts(p[1], p[2])], deprecated: false };
  if (p[0] === 0x2001 && p[1] === 0) {
    // Teredo: server at bits 32-63, client obfuscated (inverted) at bits 96-127.
    return { via: "a Teredo address", v4: [v4FromParts(p[2], p[3]), v4FromParts(p[6] ^ 0xffff, p[7] ^ 0xffff)], deprecated: false };
  }
  return undefined;
}

function classifyV6(ip: ipaddr.IPv6, shown: string): AddressClass {
  // The exact specials first (::, ::1, metadata) so that `::1` is loopback, not "compatible 0.0.0.1".
  const exact = parsedV6.filter((r) => r.net[1] === 128);
  for (const r of exact) if (ip.match(r.net)) return verdict(shown, r.category, `${r.label} (${r.cidr})`, r.cidr);

  const embedded = embeddedV4(ip);
  if (embedded !== undefined) {
    for (const v4 of embedded.v4) {
      const inner = classifyV4(v4, shown, embedded.via);
      if (!inner.allowed) return inner;
    }
    if (embedded.deprecated) {
      return verdict(shown, "special", `${embedded.via} (deprecated, never used for public traffic)`);
    }
    return verdict(shown, "public", "public", embedded.via);
  }
  for (const r of parsedV6) if (ip.match(r.net)) return verdict(shown, r.category, `${r.label} (${r.cidr})`, r.cidr);
  // INVARIANT: only global unicast space is public; anything unassigned is refused, not allowed by default.
  if (!ip.match(globalUnicast)) return verdict(shown, "special", "outside global unicast space (2000::/3)", "!2000::/3");
  return verdict(shown, "public", "public");
}

/**
 * Rewrites an IPv6 address's dotted IPv4 tail as two hex groups. ipaddr.js reads any dotted tail as
 * IPv4-mapped (`::8.8.8.8` becomes `::ffff:808:808`), which is not what the kernel connects to.
 */
function dottedTailToHex(v6: string): string {
  const cut = v6.lastIndexOf(":");
  const tail = v6.slice(cut + 1);
  if (!tail.includes(".")) return v6;
  const o = ipaddr.IPv4.parse(tail).octets as [number, number, number, number];
  const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
  return `${v6.slice(0, cut + 1)}${hex(o[0], o[1])}:${hex(o[2], o[3])}`;
}

/**
 * Classifies one IP address. Accepts only the standard textual forms (dotted-quad IPv4, RFC 4291 IPv6,
 * optionally in brackets); odd IPv4 notations must be normalized by the WHATWG URL parser first, so anything
 * else is `invalid` and refused. Never throws.
 */
export function classifyAddress(input: string): AddressClass {
  const raw = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  const family = isIP(raw);
  if (family === 0) return verdict(input, "invalid", "not an IP address in standard notation");
  try {
    if (family === 4) {
      const ip = ipaddr.IPv4.parse(raw);
      return classifyV4(ip, ip.toString());
    }
    const ip = ipaddr.IPv6.parse(dottedTailToHex(raw));
    // A zone id pins a link-local interface; it never names a public destination.
    if (ip.zoneId !== undefined) return verdict(raw, "link_local", "a zoned (interface-scoped) address");
    return classifyV6(ip, ip.toString());
  } catch {
    return verdict(input, "invalid", "not a parseable IP address");
  }
}
