/** The WebChat page in real Chromium (Debian's, driven by playwright-core): token handling and streaming. */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startHarness, type Harness } from "../support/harness.ts";

const executablePath = "/usr/bin/chromium";
const skip = existsSync(executablePath) ? false : "Chromium is not installed (.ci/run installs it)";

describe("WebChat in Chromium", { skip }, () => {
  let h: Harness;
  let browser: Browser;
  before(async () => {
    h = await startHarness();
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  test("takes the token from the fragment, forgets the URL, streams the reply, talks only to its origin", async () => {
    h.model.setScript([{ reply: "Streaming hello from Warden", chunks: 6 }]);
    const context = await browser.newContext();
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on("request", (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${h.gateway.url}/#token=${h.token}`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "connected", undefined, { timeout: 120_000 });
    assert.equal(new URL(page.url()).hash, "", "the token is removed from the address bar");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("warden.token")), h.token);
    await page.fill("#input", "hello");
    await page.click("#send");
    await page.waitForFunction(() => [...document.querySelectorAll(".assistant")].some((e) => e.textContent === "Streaming hello from Warden"), undefined, { timeout: 120_000 });
    assert.deepEqual([...origins], [h.gateway.url]);
    const headers = (await page.request.get(`${h.gateway.url}/`)).headers();
    assert.match(headers["content-security-policy"] ?? "", /connect-src 'self'/);
    await context.close();
  });

  test("a query-string token is ignored and there is no way to point the page at another gateway", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const wsUrls: string[] = [];
    page.on("websocket", (ws) => wsUrls.push(ws.url()));
    await page.goto(`${h.gateway.url}/?token=${h.token}&gatewayUrl=ws://127.0.0.2:1/#gateway=ws://127.0.0.2:1`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "no token", undefined, { timeout: 120_000 });
    assert.deepEqual(wsUrls, []);
    await context.close();
  });

  test("a wrong token in the fragment is refused", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.gateway.url}/#token=not-the-token`);
    await page.waitForFunction(() => /authentication failed|disconnected/.test(document.getElementById("status")?.textContent ?? ""), undefined, { timeout: 120_000 });
    await context.close();
  });
});
