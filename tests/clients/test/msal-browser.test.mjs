// A single-page app on @azure/msal-browser (the UMD build, as a plain <script>) in Debian's Chromium: sign-in by
// redirect on the IdP's page, silent token from the cache, a forced refresh (a cross-origin refresh_token grant
// from the page, so the token endpoint must answer CORS for this SPA), logoutRedirect back to the app, and ssoSilent
// (a hidden iframe on the IdP, which must see its session although the SPA is another site).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as settings from "../lib/settings.mjs";
import { startSpaServer } from "../lib/spa-server.mjs";
import { launchChromium, launchChromiumWithThirdPartyCookies, screenshot } from "../lib/chromium.mjs";
import { loadSigningMetadata, checkIdToken, checkAccessToken, expectedHomeAccountId } from "../lib/token-checks.mjs";

const { spa, api, authority } = settings;
const idpOrigin = new URL(settings.idpBaseUrl).origin;
const chromiumOptions = { executablePath: settings.chromiumPath, spkiHash: settings.tls.spkiHash };
let server;
let browser;

before(async () => {
  server = await startSpaServer({
    origin: spa.origin,
    tls: settings.tls,
    config: { clientId: spa.clientId, authority, knownAuthorities: settings.knownAuthorities, apiScope: api.scope },
  });
  browser = await launchChromium(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Every token request the page makes, with what the browser saw of the answer (read with `await list()`). */
function recordTokenRequests(page) {
  const seen = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin !== idpOrigin || !url.pathname.endsWith("/oauth2/v2.0/token") || response.request().method() !== "POST") return;
    // Headers arrive asynchronously: keep the promise so no answer is missed by an assertion that runs first.
    seen.push(response.allHeaders().then((headers) => ({
      grantType: new URLSearchParams(response.request().postData() ?? "").get("grant_type"),
      status: response.status(),
      allowOrigin: headers["access-control-allow-origin"],
    })));
  });
  return { list: () => Promise.all(seen) };
}

/** Names of the cookies each authorize request of the page carried (for the test's report; read with `await list()`). */
function recordAuthorizeCookies(page) {
  const seen = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== idpOrigin || !url.pathname.endsWith("/oauth2/v2.0/authorize")) return;
    seen.push(request.allHeaders().then((headers) => (headers.cookie ?? "").split(";").map((c) => c.split("=")[0].trim()).filter(Boolean).join(",") || "none"));
  });
  return { list: () => Promise.all(seen) };
}

/** The result of a page function that settles to { value } or { error } (see spa/app.js). */
async function valueOf(page, pageFunction, argument) {
  const outcome = await page.evaluate(pageFunction, argument);
  assert.equal(outcome.error, undefined, `MSAL failed in the page: ${outcome.error}`);
  return outcome.value;
}

/** A new tab of the SPA in `context` (its own sessionStorage, so an empty MSAL cache; the context's cookies). */
async function openSpa(context) {
  const page = await context.newPage();
  // Diagnostics for a failure: what the page logged as errors and which requests the servers refused.
  page.on("console", (message) => { if (message.type() === "error") console.error(`[page] ${message.text()} (${message.location().url})`); });
  page.on("response", (response) => { if (response.status() >= 400) console.error(`[page] HTTP ${response.status()} ${response.request().method()} ${response.url()}`); });
  return page;
}

/** Signs the user in with loginRedirect on the IdP's page; resolves to what MSAL made of the answer. */
async function signInByRedirect(page) {
  await startLogin(page);
  await page.fill("#signInName", settings.user.signInName);
  await page.fill("#password", settings.user.password);
  await screenshot(page, settings.screenshotFolder, "msal-browser-sign-in");
  await Promise.all([
    page.waitForURL((url) => url.origin === spa.origin && url.pathname === "/index.html"),
    page.click("#next"),
  ]);
  const signedIn = await valueOf(page, () => window.app.started);
  assert.ok(signedIn, "MSAL handled no redirect response after sign-in");
  return signedIn;
}

/** Calls MSAL's loginRedirect and expects the IdP's sign-in page (not an SSO bounce straight back). */
async function startLogin(page) {
  const from = page.url();
  await Promise.all([
    page.waitForURL((url) => url.href !== from),
    page.evaluate(() => window.app.login()),
  ]);
  assert.equal(new URL(page.url()).origin, idpOrigin, `expected the IdP's sign-in page, landed on ${page.url()}`);
  await page.waitForSelector("#signInName");
}

test("msal-browser: loginRedirect, acquireTokenSilent from cache and forced refresh, logoutRedirect", async () => {
  const metadata = await loadSigningMetadata(authority);
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await openSpa(context);
  const tokenRequests = recordTokenRequests(page);
  try {
    await page.goto(`${spa.origin}/index.html`);
    assert.equal(await valueOf(page, () => window.app.started), null, "nobody is signed in yet");
    assert.ok(await page.evaluate(() => window.isSecureContext && Boolean(crypto.subtle)), "MSAL needs a secure context");

    // Sign-in: MSAL navigates to the IdP, the user signs in there, the IdP redirects back with #code=….
    const signedIn = await signInByRedirect(page);
    await screenshot(page, settings.screenshotFolder, "msal-browser-signed-in");
    const idClaims = checkIdToken(signedIn.idToken, metadata, spa.clientId);
    const tokenRule = { apiClientId: api.clientId, scopeName: settings.apiScopeName, clientId: spa.clientId };
    checkAccessToken(signedIn.accessToken, metadata, tokenRule);
    assert.equal(signedIn.homeAccountId, expectedHomeAccountId(idClaims, settings.policy));
    assert.deepEqual((await tokenRequests.list()).map((r) => [r.grantType, r.status]), [["authorization_code", 200]]);

    const cached = await valueOf(page, () => window.app.silent(false));
    assert.equal(cached.fromCache, true);
    assert.equal(cached.accessToken, signedIn.accessToken);

    // The forced refresh must be a refresh_token grant the browser let the page read (CORS), not MSAL's fallback to
    // a hidden iframe, which the session cookie alone could satisfy.
    const refreshed = await valueOf(page, () => window.app.silent(true));
    assert.equal(refreshed.fromCache, false);
    assert.notEqual(refreshed.accessToken, signedIn.accessToken, "a refresh must issue a new access token");
    checkAccessToken(refreshed.accessToken, metadata, tokenRule);
    // The refresh response carries a new ID token too; it must be as valid as the first.
    checkIdToken(refreshed.idToken, metadata, spa.clientId);
    assert.deepEqual((await tokenRequests.list()).slice(1), [{ grantType: "refresh_token", status: 200, allowOrigin: spa.origin }]);

    // Sign-out: MSAL clears its cache and sends the browser to the end_session_endpoint with the post-logout URI
    // and a state, and nothing that names the client; the IdP ends its session and sends the browser back.
    await Promise.all([
      page.waitForURL((url) => url.origin === spa.origin && url.pathname === "/signed-out.html"),
      page.evaluate(() => window.app.logout()),
    ]);
    assert.ok(new URL(page.url()).searchParams.get("state"), `the IdP dropped MSAL's state: ${page.url()}`);
    await valueOf(page, () => window.app.started);
    assert.deepEqual(await page.evaluate(() => window.app.accounts()), []);

    // The IdP's session really ended: signing in again shows the sign-in page instead of coming straight back.
    await startLogin(page);
    await screenshot(page, settings.screenshotFolder, "msal-browser-sign-in-after-sign-out");
  } finally {
    await context.close();
  }
});

test("msal-browser: ssoSilent on a new page of the SPA gets the signed-in user's tokens in a hidden iframe, without navigating", async () => {
  const metadata = await loadSigningMetadata(authority);
  // The iframe is the IdP on another site: its session cookie goes with it only where third-party cookies are allowed.
  const { context, close } = await launchChromiumWithThirdPartyCookies(chromiumOptions);
  try {
    const first = await openSpa(context);
    await first.goto(`${spa.origin}/index.html`);
    const signedIn = await signInByRedirect(first);
    const signedInClaims = checkIdToken(signedIn.idToken, metadata, spa.clientId);

    // A new tab: MSAL's cache (sessionStorage) is empty, only the browser's cookies remain, as on the next day's visit
    // once the SPA's 24-hour refresh token has expired.
    const page = await openSpa(context);
    await page.goto(`${spa.origin}/index.html`);
    assert.equal(await valueOf(page, () => window.app.started), null);
    assert.deepEqual(await page.evaluate(() => window.app.accounts()), []);
    const topNavigations = [];
    page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) topNavigations.push(frame.url()); });
    const authorizeCookies = recordAuthorizeCookies(page);

    const silent = await valueOf(page, (loginHint) => window.app.ssoSilent(loginHint), settings.user.signInName)
      .finally(async () => console.log(`cookies on the iframe's authorize requests: ${(await authorizeCookies.list()).join(" | ")}`));

    assert.equal(silent.fromCache, false);
    assert.equal(checkIdToken(silent.idToken, metadata, spa.clientId).sub, signedInClaims.sub);
    checkAccessToken(silent.accessToken, metadata, { apiClientId: api.clientId, scopeName: settings.apiScopeName, clientId: spa.clientId });
    assert.equal(silent.homeAccountId, signedIn.homeAccountId);
    assert.deepEqual(await page.evaluate(() => window.app.accounts()), [signedIn.homeAccountId]);
    assert.deepEqual(topNavigations, [], "ssoSilent must not navigate the app's page");
    assert.equal(page.url(), `${spa.origin}/index.html`);

    // The session cookie now goes to the IdP from any site, but another site's hidden iframe on the logout endpoint
    // (this page plays that site) still cannot sign the user out: only a top-level navigation ends the session.
    const logoutUrl = metadata.discovery.end_session_endpoint;
    await Promise.all([
      page.waitForResponse((response) => response.url().startsWith(logoutUrl)),
      page.evaluate((url) => document.body.append(Object.assign(document.createElement("iframe"), { hidden: true, src: url })), logoutUrl),
    ]);
    const again = await valueOf(page, (loginHint) => window.app.ssoSilent(loginHint), settings.user.signInName);
    assert.equal(checkIdToken(again.idToken, metadata, spa.clientId).sub, signedInClaims.sub);
  } finally {
    await close();
  }
});

test("msal-browser: ssoSilent without an IdP session rejects at once with login_required (InteractionRequiredAuthError)", async () => {
  // A new profile that would send the IdP's cookies if it had any: it is the missing session that answers.
  const { context, close } = await launchChromiumWithThirdPartyCookies(chromiumOptions);
  try {
    const page = await openSpa(context);
    await page.goto(`${spa.origin}/index.html`);

    const outcome = await page.evaluate((loginHint) => window.app.ssoSilent(loginHint), settings.user.signInName);

    // Not MSAL's timed_out (a BrowserAuthError after the iframe's 10 seconds): the IdP's answer reached the app.
    assert.equal(outcome.errorName, "InteractionRequiredAuthError", outcome.error);
    assert.equal(outcome.errorCode, "login_required", outcome.error);
    assert.match(outcome.error, /AADB2C90077/);
  } finally {
    await close();
  }
});

test("CORS: the token endpoint answers the SPA's registered origin only; discovery and JWKS answer any origin", async () => {
  const { discovery } = await loadSigningMetadata(authority);
  const stranger = "https://unregistered.example";
  const allowOrigin = (response) => response.headers.get("access-control-allow-origin");
  const tokenCall = (origin, clientId) => fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    // An unusable refresh token: the answer is an error either way; only its CORS headers matter here.
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: "not-a-token" }),
  });

  assert.equal(allowOrigin(await tokenCall(spa.origin, spa.clientId)), spa.origin);
  assert.equal(allowOrigin(await tokenCall(stranger, spa.clientId)), null, "an unregistered origin must not read token responses");
  assert.equal(allowOrigin(await tokenCall(spa.origin, settings.webApp.clientId)), null, "the SPA's origin is not the web app's");
  for (const url of [`${authority}/v2.0/.well-known/openid-configuration`, discovery.jwks_uri]) {
    assert.equal(allowOrigin(await fetch(url, { headers: { origin: stranger } })), "*", url);
  }
});
