// Requests a read-only tool names by method and path (the seventeenth outside round's open forms, `atk17-ro-*`): a
// JSON-RPC method (alone or in a batch), a custom HTTP method, a Redis command as a path segment, a Google-style
// custom method, action words at a path's end, and a parameter value written for a server that pastes it into a
// quoted string. A method name reads only by a known read verb; a path's nouns read unless a word makes it an action.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createShellAnalyzer, type ShellAnalyzer } from "../exec/index.ts";
import { checkReadOnlyCall } from "./read-only-check.ts";
import { methodNameVerdict, requestVerdict } from "./read-requests.ts";

let shell: ShellAnalyzer;
before(async () => {
  shell = await createShellAnalyzer();
});

const rpc = (method: string, params: unknown = { id: 1 }): Record<string, unknown> => ({ jsonrpc: "2.0", method, params, id: 1 });

const forms: Record<string, Record<"acts" | "unclear" | "reads", unknown[]>> = {
  "a JSON-RPC method, alone or in a batch, in an object or in text": {
    acts: [
      { url: "/rpc", body: rpc("invoices.delete") }, { url: "/rpc", body: [rpc("balance.get"), rpc("funds.transfer", { to: "m", amount: 5 })] },
      { url: "/rpc", body: JSON.stringify([rpc("balance.get"), rpc("user.setRole")]) }, { method: "eth_sendTransaction", params: [] },
      { url: "/rpc", body: { method: "tickets.close", params: { id: 4 } } }, { url: "/rpc", body: rpc("tools/call") },
    ],
    unclear: [{ url: "/rpc", body: rpc("eth_blockNumber") }, { url: "/rpc", body: rpc("textDocument/hover") }, { url: "/rpc", body: [rpc("balance.get"), rpc("ledger.frob")] }],
    reads: [
      { url: "/rpc", body: rpc("balance.get") }, { url: "/rpc", body: [rpc("balance.get"), rpc("invoices.list"), rpc("getMessages")] },
      { url: "/rpc", body: rpc("eth_getBalance", ["0xabc", "latest"]) }, { url: "/rpc", body: rpc("tools/list") },
    ],
  },
  "an HTTP method the server defines": {
    acts: [
      { method: "PURGE", url: "/cache/x" }, { method: "FROB", url: "/x" }, { method: "frob", url: "/x" }, { http_method: "Report", url: "/x" },
      { headers: { "X-HTTP-Method-Override": "MERGE" }, url: "/x" }, { url: "/x?_method=FROB" }, { request: "post /x HTTP/1.1" },
    ],
    unclear: [],
    reads: [{ method: "GET", url: "/x" }, { method: "HEAD", url: "/x" }, { http_method: "options", url: "/x" }],
  },
  "a Redis command as a path segment": {
    acts: [{ url: "/redis/FLUSHALL" }, { url: "/redis/set/k/v" }, { url: "/api/cache/DEL/session:1" }, { url: "https://eu1.upstash.io/flushdb" }, { url: "https://eu1.upstash.io/set/k/v" }],
    unclear: [],
    reads: [{ url: "/redis/GET/session:1" }, { url: "https://eu1.upstash.io/get/k" }, { url: "/redis/keys/user*" }],
  },
  "a custom method or a gRPC method, read by its verb": {
    acts: [{ url: "/v1/invoices:batchDelete?names=all" }, { url: "https://api.example/v1/ops/7:cancel" }, { url: "/invoices.v1.InvoiceService/DeleteInvoice" }],
    unclear: [{ url: "/v1/docs:batchFrob" }, { url: "/invoices.v1.InvoiceService/Reconcile" }],
    reads: [{ url: "/v1/projects/p/docs:batchGet" }, { url: "/v1/docs:search" }, { url: "/v1/text:analyzeSentiment" }, { url: "/invoices.v1.InvoiceService/ListInvoices" }, { url: "/wiki/Special:Search" }, { url: "/tags/lang:python" }],
  },
  "action words in a path": {
    acts: [],
    unclear: [
      { url: "/api/projects/1/archive" }, { url: "/api/lists/news/unsubscribe?all=1" }, { url: "/unsubscribe/abc123" }, { url: "/issues/4/close" },
      { url: "/posts/9/like.json" }, { path: "/optout" }, { target_path: "/api/projects/1/archive" }, { url: "/api/docs/7/copy" }, { url: "/EVAL/return%201/0" },
    ],
    reads: [{ url: "/blog/archive/2024/05" }, { url: "/api/archives" }, { url: "/api/lists/news/subscribers" }, { url: "/reports/2024" }, { url: "/issues?state=closed" }],
  },
  "a parameter value a server pastes into a quoted string": {
    acts: [
      { sql: "SELECT * FROM invoices WHERE customer = $1", params: ["x'; DELETE FROM invoices; --"] }, { customer: "x\"); DROP TABLE invoices; --" },
      { sql: "SELECT * FROM t WHERE id = ?", bind: ["1; UPDATE t SET paid = true"] }, { name: "a' ; INSERT INTO admins VALUES ('m'); --" },
      { customer: "x'||nextval('invoice_seq')||'" },
    ],
    unclear: [],
    reads: [
      { sql: "SELECT * FROM t WHERE name = $1", params: ["O'Brien"] }, { note: "It's fine; update me later" }, { sql: "SELECT 'a;b' AS x" },
      { sql: "SELECT * FROM t WHERE note = $1", params: ["don't; worry"] }, { q: "don't delete from inbox" }, { title: "Rock 'n' roll; drop by" },
    ],
  },
};

describe("checkReadOnlyCall, requests by method and path", () => {
  for (const [form, byKind] of Object.entries(forms)) {
    for (const [expected, list] of Object.entries(byKind)) {
      for (const args of list) {
        it(`${form}: ${JSON.stringify(args).slice(0, 120)} ${expected}`, () => {
          const verdict = checkReadOnlyCall("http_get", args, shell);
          assert.equal(verdict.kind, expected, JSON.stringify(verdict));
        });
      }
    }
  }
  it("names the word that decided", () => {
    const batch = checkReadOnlyCall("http_get", { url: "/rpc", body: [rpc("balance.get"), rpc("funds.transfer")] }, shell);
    assert.match(batch.kind === "acts" ? batch.why : "", /JSON-RPC method `funds\.transfer`.*`transfer`/);
    const archive = checkReadOnlyCall("http_get", { url: "/api/projects/1/archive" }, shell);
    assert.match(archive.kind === "unclear" ? archive.why : "", /ends in an action \(`archive`/);
    const pasted = checkReadOnlyCall("query", { sql: "SELECT 1 WHERE a = $1", params: ["x'; DELETE FROM t; --"] }, shell);
    assert.match(pasted.kind === "acts" ? pasted.why : "", /`params` closes the quote.*`DELETE`/);
  });
  it("a bare word under `method` is a setting for a tool that is no HTTP client, a method for one that is", () => {
    assert.equal(checkReadOnlyCall("stats", { method: "pearson", x: [1, 2] }, shell).kind, "reads");
    assert.equal(checkReadOnlyCall("http_get", { method: "pearson", url: "/x" }, shell).kind, "acts");
  });
  it("a last word is read as an action in a request's path, not in a file's", () => {
    assert.equal(checkReadOnlyCall("http_get", { url: "/blog/archive" }, shell).kind, "unclear");
    assert.equal(checkReadOnlyCall("fetch_page", { url: "https://x.example/issues/4/close" }, shell).kind, "unclear");
    for (const args of [{ path: "/home/me/notes/archive" }, { path: "/docs/clone.txt" }]) assert.equal(checkReadOnlyCall("list_files", args, shell).kind, "reads", JSON.stringify(args));
    assert.equal(checkReadOnlyCall("http_get", { url: "/v1/kv/config" }, shell).kind, "reads");
    // A payment, an order or a document moved to its next state.
    for (const url of ["/v1/payment_intents/pi_1/capture", "/v1/invoices/in_1/void", "/orders/7/fulfill", "/v1/invoices/in_2/finalize"]) assert.equal(checkReadOnlyCall("http_get", { url }, shell).kind, "unclear", url);
    assert.equal(checkReadOnlyCall("http_get", { url: "/v1/payment_intents/pi_1" }, shell).kind, "reads");
  });
  it("a call that hides what it carries past what is read is not a read", () => {
    const padded = { url: "/rpc", body: [...Array.from({ length: 1100 }, () => rpc("balance.get")), rpc("funds.transfer")] };
    assert.notEqual(checkReadOnlyCall("http_get", padded, shell).kind, "reads");
    let deep: unknown = rpc("funds.transfer");
    for (let i = 0; i < 20; i++) deep = { a: deep };
    assert.notEqual(checkReadOnlyCall("http_get", { body: deep }, shell).kind, "reads");
  });
});

describe("method and path readers", () => {
  it("read a method by the verb that leads its last part", () => {
    assert.equal(methodNameVerdict("invoices.delete", "method").kind, "acts");
    assert.equal(methodNameVerdict("getUser", "method").kind, "reads");
    assert.equal(methodNameVerdict("listAndArchive", "method").kind, "unclear");
    assert.equal(methodNameVerdict("frob", "method").kind, "unclear");
    assert.equal(methodNameVerdict("email.list", "method").kind, "reads");
    assert.equal(methodNameVerdict("invoices.delete.preview", "method").kind, "unclear");
  });
  it("never throw on odd input", () => {
    for (const text of ["/".repeat(10000), ":".repeat(5000), "%E0%A4%A", "http://[::1", "/a:b:c:Delete", "\u0000"]) {
      assert.doesNotThrow(() => [requestVerdict("url", text), requestVerdict("path", text, ["redis"]), methodNameVerdict(text, "method")]);
    }
  });
});
