// Debian's Chromium (never a browser Playwright downloads) driven by playwright-core. It trusts the test
// certificate by its key's SPKI hash only, so TLS stays real: any other certificate still fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export async function launchChromium({ executablePath, spkiHash }) {
  return chromium.launch(launchOptions({ executablePath, spkiHash }));
}

/**
 * Chromium on a profile of its own that sends third-party cookies (cookie_controls_mode 0, Chrome's setting for a
 * regular window), as a hidden iframe's silent sign-in needs, against B2C as against us. Without it this Chromium blocks
 * them ("UserPreferences" on each cookie), as every private window, and so each context of launchChromium, does.
 * Resolves to { context, close }; close also deletes the profile.
 */
export async function launchChromiumWithThirdPartyCookies({ executablePath, spkiHash }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "idp-chromium-"));
  fs.mkdirSync(path.join(profile, "Default"));
  fs.writeFileSync(path.join(profile, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, launchOptions({ executablePath, spkiHash }));
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function launchOptions({ executablePath, spkiHash }) {
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium or set IDP_CHROMIUM.`);
  }
  return {
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
  };
}

/** Saves a full-page screenshot when a folder was given; screenshots are for people, not assertions. */
export async function screenshot(page, folder, name) {
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}
