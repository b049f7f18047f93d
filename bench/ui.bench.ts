/**
 * Control UI figures (issue 13), in real Chromium against a real gateway with the scripted model: first-load
 * bytes (raw, gzip, brotli: the gateway serves them uncompressed today), time to interactive (navigation to a
 * connected, rendered page), and time from sending a message whose tool call needs approval to the approval
 * card on screen (one scripted model round trip on loopback included). Then the memory of an Activity tab left
 * open for an hour on a busy gateway: the page's 3-second poll driven by Playwright's fake clock (1200 polls),
 * `ACTIVITY_PER_POLL` new log entries before each, and the JS heap (after a forced GC, via CDP) and DOM node count
 * before and after.
 */
import { gzipSync, brotliCompressSync } from "node:zlib";
import { startHarness } from "../test/support/harness.ts";
import { launchChromium } from "../test/support/browser.ts";

const runs = 5;
const POLLS_PER_HOUR = 1200;
const ACTIVITY_PER_POLL = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

const h = await startHarness();
const browser = await launchChromium();
try {
  const firstLoad = { raw: 0, gzip: 0, brotli: 0, files: {} as Record<string, number> };
  const context0 = await browser.newContext();
  const page0 = await context0.newPage();
  const bodies: Promise<void>[] = [];
  page0.on("response", (r) => {
    bodies.push(r.body().then((b) => {
      firstLoad.raw += b.length;
      firstLoad.gzip += gzipSync(b, { level: 9 }).length;
      firstLoad.brotli += brotliCompressSync(b).length;
      firstLoad.files[new URL(r.url()).pathname] = b.length;
    }, () => undefined));
  });
  await page0.goto(`${h.gateway.url}/#token=${h.token}`);
  await page0.waitForSelector(".conn-connected", { timeout: 120_000 });
  await page0.waitForLoadState("networkidle");
  await Promise.all(bodies);
  await context0.close();

  const interactive: number[] = [];
  const approvalCard: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`${h.gateway.url}/#token=${h.token}`);
    await page.waitForSelector(".conn-connected", { timeout: 120_000 });
    interactive.push(performance.now() - start);

    h.model.setScript([{ calls: [{ name: "exec", args: { command: `touch bench-${i}.txt` } }] }, { reply: "ok" }]);
    await page.fill("textarea", `make bench-${i}.txt`);
    const sent = performance.now();
    await page.click("button[type=submit]");
    await page.waitForSelector(".approval.status-pending", { timeout: 120_000 });
    approvalCard.push(performance.now() - sent);
    await page.click(".approval.status-pending button.danger");
    await page.waitForSelector(".approval.status-denied", { timeout: 120_000 });
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${h.gateway.url}/#token=${h.token}`);
  await page.waitForSelector(".conn-connected", { timeout: 120_000 });
  await page.click("nav a[href='#/activity']");
  await page.waitForSelector(".entry", { timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { jsHeapUsedMB: round(metric("JSHeapUsedSize") / 1024 / 1024), domNodes: metric("Nodes") };
  };
  await cdp.send("Performance.enable");
  const before = await measure();
  const streamStart = performance.now();
  let lastSeq = 0;
  for (let poll = 0; poll < POLLS_PER_HOUR; poll++) {
    for (let i = 0; i < ACTIVITY_PER_POLL; i++) {
      lastSeq = h.runtime.ops.activityLog.append({ kind: "tool", actor: "bench", summary: `exec ran: bench entry ${poll}.${i} with some text a real entry carries`, data: { session: "agent:main:webchat:dm:owner", tool: "exec", poll, i } }).seq;
    }
    await page.clock.runFor(3000);
    await page.waitForFunction((seq) => document.querySelector(".entry .seq")?.textContent === `#${seq}`, lastSeq, { timeout: 120_000 });
  }
  const streamedMs = performance.now() - streamStart;
  const after = await measure();
  const rendered = await page.locator(".entry").count();
  await context.close();

  process.stdout.write(`${JSON.stringify({
    activityHourStreaming: { polls: POLLS_PER_HOUR, entries: POLLS_PER_HOUR * ACTIVITY_PER_POLL, before, after, renderedEntries: rendered, simulatedInMs: Math.round(streamedMs) },
    firstLoadBytes: firstLoad,
    timeToInteractiveMs: { median: round(median(interactive)), runs: interactive.map(round) },
    sendToApprovalCardMs: { median: round(median(approvalCard)), runs: approvalCard.map(round) },
  })}\n`);
} finally {
  await browser.close();
  await h.close();
}
