/** Real Chromium (Debian's, driven by playwright-core) for the Control UI tests, and what they keep as artifacts. */
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";
export const noChromium = existsSync(chromiumPath) ? false : "Chromium is not installed (.ci/run installs it)";

/** Screenshots land here (gitignored), one per page and viewport. */
export const artifactsDir = new URL("../../test-artifacts/ui/", import.meta.url);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** Saves a full-page screenshot as `NAME-VIEWPORT.png` under `artifactsDir`. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  const size = page.viewportSize();
  const label = size?.width === viewports.phone.width ? "phone" : "desktop";
  await page.screenshot({ path: new URL(`${name}-${label}.png`, artifactsDir).pathname, fullPage: true });
}

/** How far the page is wider than its viewport (0: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}
