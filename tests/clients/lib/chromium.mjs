// Debian's Chromium (never a browser Playwright downloads) driven by playwright-core. It trusts the test
// certificate by its key's SPKI hash only, so TLS stays real: any other certificate still fails.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export async function launchChromium({ executablePath, spkiHash }) {
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium or set IDP_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox", // Tests run as root, where Chromium's sandbox cannot start.
      "--disable-gpu",
      "--disable-quic",
      // Keep Chromium off the network except for the two test servers.
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--ignore-certificate-errors-spki-list=${spkiHash}`,
    ],
  });
}

/** Saves a full-page screenshot when a folder was given; screenshots are for people, not assertions. */
export async function screenshot(page, folder, name) {
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}
