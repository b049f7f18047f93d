// Flux queries (atk18 class 5): a query reads when it calls only the standard transformations and imports only
// packages that compute; `to()`, `sql.to()`, `http.post()`, `slack.message()` act; any other call or import is unclear.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fluxVerdict } from "./read-flux.ts";

describe("fluxVerdict", () => {
  const table: [string, string, string][] = [
    ["flux", 'from(bucket:"a") |> range(start:-1h) |> mean()', "reads"],
    ["query", 'from(bucket: "a") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "cpu") |> aggregateWindow(every: 5m, fn: mean) |> yield()', "reads"],
    ["flux", 'import "strings"\nfrom(bucket:"a") |> range(start:-1h) |> map(fn: (r) => ({r with s: strings.toUpper(v: r.host)}))', "reads"],
    ["flux", 'from(bucket:"a") |> range(start:-1h) |> to(bucket:"b")', "acts"],
    ["flux", 'import "sql"\nfrom(bucket:"a") |> range(start:-1h) |> sql.to(driverName:"postgres", dataSourceName:"x", table:"t")', "acts"],
    ["flux", 'import "http"\nhttp.post(url:"http://x/", data: bytes(v:"x"))', "acts"],
    ["flux", 'import "slack"\nslack.message(url:"http://x", channel:"#a", text:"x", color:"good")', "acts"],
    ["flux", 'import "experimental/mqtt"\nfrom(bucket:"a") |> range(start:-1h)', "unclear"],
    ["flux", 'from(bucket:"a") |> range(start:-1h) |> myFunc()', "unclear"],
    ["flux", 'from(bucket:"a") |> range(start:-1h) |> filter(fn: (r) => r.x == "to(bucket:\\"b\\")")', "reads"],
    ["q", "weather in Paris", "none"], ["sql", "SELECT 1", "none"],
  ];
  for (const [key, text, kind] of table) it(`${key}: ${JSON.stringify(text).slice(0, 80)} ${kind}`, () => assert.equal(fluxVerdict(key, text).kind, kind));
});
