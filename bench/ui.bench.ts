/**
 * Control UI figures (issue 13), in real Chromium against a real gateway with the scripted model: first-load
 * bytes (raw, gzip, brotli: the gateway serves them uncompressed today), time to interactive (navigation to a
 * connected, rendered page), and time from sending a message whose tool call needs approval to the approval
 * card on screen (one scripted model round trip on loopback included).
 */
import { gzipSync, brotliCompressSync } from "node:zlib";
import { startHarness } from "../test/support/harness.ts";
import { launchChromium } from "../test/support/browser.ts";

const runs = 5;
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
  process.stdout.write(`${JSON.stringify({
    firstLoadBytes: firstLoad,
    timeToInteractiveMs: { median: round(median(interactive)), runs: interactive.map(round) },
    sendToApprovalCardMs: { median: round(median(approvalCard)), runs: approvalCard.map(round) },
  })}\n`);
} finally {
  await browser.close();
  await h.close();
}
