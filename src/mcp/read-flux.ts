/**
 * Whether a Flux query (InfluxDB 2's language: `from(bucket: "a") |> range(start: -1h) |> mean()`) only reads. The
 * polarity is fail-closed: a query reads when every function it calls is one of the standard library's transformations
 * and every package it imports only computes; `to()`, `sql.to()`, `http.post()`, `slack.message()` act, and any other
 * call or import is `unclear`. A value that is not Flux is `none`. Works on a bounded prefix and never throws.
 */
import type { LanguageVerdict } from "./read-languages.ts";

const MaxChars = 64 * 1024;

/** Functions of Flux's universe that only compute over the tables they are given (or read a bucket: `from`). */
const fluxReadFunctions: ReadonlySet<string> = new Set([
  "from", "range", "filter", "map", "group", "aggregatewindow", "window", "mean", "median", "sum", "count", "min", "max", "first", "last", "yield",
  "keep", "drop", "rename", "pivot", "sort", "limit", "tail", "top", "bottom", "distinct", "unique", "duplicate", "fill", "set", "derivative",
  "difference", "cumulativesum", "integral", "increase", "movingaverage", "exponentialmovingaverage", "timedmovingaverage", "quantile", "stddev",
  "spread", "mode", "elapsed", "timeshift", "truncatetimecolumn", "union", "join", "sample", "columns", "keys", "keyvalues", "findcolumn",
  "findrecord", "getcolumn", "getrecord", "tablefind", "tostring", "toint", "touint", "tofloat", "tobool", "totime", "string", "int", "uint", "float",
  "bool", "time", "duration", "bytes", "now", "length", "contains", "hourselection", "histogram", "histogramquantile", "chandemomentumoscillator",
  "doubleema", "tripleema", "triplexponentialderivative", "kaufmansama", "kaufmanser", "holtwinters", "relativestrengthindex", "statecount",
  "stateduration", "reduce", "highestmax", "highestaverage", "highestcurrent", "lowestmin", "lowestaverage", "lowestcurrent", "linearbins",
  "logarithmicbins", "pearsonr", "cov", "covariance", "skew", "chandemomentum", "fillnull", "display", "die",
]);
/** Packages whose functions only compute: strings, numbers, dates, types, the schema and v1 readers. */
const fluxReadPackages: ReadonlySet<string> = new Set([
  "strings", "math", "date", "regexp", "types", "array", "dict", "timezone", "join", "influxdata/influxdb/schema", "influxdata/influxdb/v1",
  "experimental/aggregate", "experimental/array", "contrib/tomhollingworth/events", "universe",
]);
/** Function names that send or write, in whatever package: `to`, `sql.to`, `http.post`, `slack.message`, `pagerduty.sendEvent`. */
const fluxActingName = /^(?:to|wideto|post|put|patch|delete|message|send\w*|endpoint|write|publish|notify|mail|email|exec|request|do|alert)$/i;

/** Whether a text is Flux: a pipe-forward `|>`, an `import "pkg"` line, or a `from(bucket: …)` source. */
function isFlux(key: string, body: string): boolean {
  return /^flux$/i.test(key) || /\|>/.test(body) || /^\s*import\s+"/.test(body) || /\bfrom\s*\(\s*bucket(?:ID)?\s*:/.test(body);
}

export function fluxVerdict(key: string, text: string): LanguageVerdict {
  const raw = text.slice(0, MaxChars);
  if (!isFlux(key, raw)) return { kind: "none" };
  let unclear: LanguageVerdict | undefined;
  // Strings and comments hold no calls.
  const body = raw.replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*/g, " ");
  for (const m of body.matchAll(/(?:([A-Za-z_]\w*)\s*\.\s*)?([A-Za-z_]\w*)\s*\(/g)) {
    const pkg = m[1];
    const name = m[2] ?? "";
    const spelled = pkg === undefined ? name : `${pkg}.${name}`;
    if (fluxActingName.test(name)) return { kind: "acts", why: `a Flux query that calls \`${spelled.slice(0, 40)}()\`, which writes or sends` };
    // A package's function is as safe as its package; a universe function must be one Warden knows.
    const known = pkg === undefined ? fluxReadFunctions.has(name.toLowerCase()) : [...fluxReadPackages].some((p) => p.split("/").pop() === pkg);
    if (!known) unclear ??= { kind: "unclear", why: `a Flux query that calls \`${spelled.slice(0, 40)}()\`, which Warden does not know to only read` };
  }
  if (unclear !== undefined) return unclear;
  for (const m of raw.matchAll(/^\s*import\s+"([^"]*)"/gm)) {
    const pkg = m[1] ?? "";
    if (!fluxReadPackages.has(pkg)) return { kind: "unclear", why: `a Flux query that imports the package \`${pkg.slice(0, 40)}\`, which Warden does not know to only compute` };
  }
  return { kind: "reads" };
}
