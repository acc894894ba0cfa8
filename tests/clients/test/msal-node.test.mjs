// A server-side web app on @azure/msal-node, configured as Microsoft's B2C user-flows sample configures it
// (ConfidentialClientApplication, B2C authority, knownAuthorities, client secret, auth code with PKCE), signing a
// user in on the IdP's real page, refreshing silently and signing out. NODE_EXTRA_CA_CERTS makes Node trust the
// test CA; nothing else about TLS is relaxed.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as msal from "@azure/msal-node";
import * as settings from "../lib/settings.mjs";
import { UserAgent } from "../lib/user-agent.mjs";
import { findSignInForm, submitSignIn } from "../lib/sign-in-form.mjs";
import { loadSigningMetadata, checkIdToken, checkAccessToken, expectedHomeAccountId } from "../lib/token-checks.mjs";

const { webApp, api, authority } = settings;

function createApp() {
  return new msal.ConfidentialClientApplication({
    auth: {
      clientId: webApp.clientId,
      authority,
      clientSecret: webApp.clientSecret,
      knownAuthorities: settings.knownAuthorities,
    },
    system: {
      // MSAL explains most failures only in its log: keep warnings and errors in the test output.
      loggerOptions: {
        logLevel: msal.LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message) => console.error(`[msal-node] ${message}`),
      },
    },
  });
}

/** The sample's sign-in: an authorize URL with PKCE and a state carrying the app's own data. */
async function authCodeUrl(app, crypto) {
  const pkce = await crypto.generatePkceCodes();
  const state = crypto.base64Encode(JSON.stringify({ csrfToken: crypto.createNewGuid(), appStage: "sign_in" }));
  const url = await app.getAuthCodeUrl({
    authority,
    redirectUri: webApp.redirectUri,
    scopes: [api.scope],
    codeChallenge: pkce.challenge,
    codeChallengeMethod: "S256",
    state,
  });
  return { url, state, verifier: pkce.verifier };
}

function describe(outcome) {
  return outcome.arrivedAt ? `redirect to ${outcome.arrivedAt.href}` : `page ${outcome.page.url} (HTTP ${outcome.page.status}): ${outcome.page.html.slice(0, 400)}`;
}

test("msal-node as in the B2C sample: sign-in with PKCE, silent and forced refresh, sign-out", async () => {
  const app = createApp();
  const crypto = new msal.CryptoProvider();
  const browser = new UserAgent();
  const metadata = await loadSigningMetadata(authority);

  // Sign-in: the IdP shows its page, the user submits it, the IdP redirects to the app with a code.
  const signIn = await authCodeUrl(app, crypto);
  const opened = await browser.open(signIn.url, webApp.redirectUri);
  const form = opened.page && findSignInForm(opened.page);
  assert.ok(form, `expected the sign-in page, got ${describe(opened)}`);
  assert.ok(form.fields.get("__RequestVerificationToken"), "the sign-in form has no antiforgery token");
  const submitted = await submitSignIn(browser, form, settings.user);
  const back = await browser.follow(submitted.url, submitted.response, webApp.redirectUri);
  assert.ok(back.arrivedAt, `expected a redirect to the app after signing in, got ${describe(back)}`);
  assert.equal(back.arrivedAt.searchParams.get("state"), signIn.state, "state must come back unchanged");
  const code = back.arrivedAt.searchParams.get("code");
  assert.ok(code, `no code in ${back.arrivedAt.href}`);

  const signedIn = await app.acquireTokenByCode({ code, codeVerifier: signIn.verifier, redirectUri: webApp.redirectUri, scopes: [api.scope] });
  const idClaims = checkIdToken(signedIn.idToken, metadata, webApp.clientId);
  const tokenRule = { apiClientId: api.clientId, scopeName: settings.apiScopeName, clientId: webApp.clientId };
  checkAccessToken(signedIn.accessToken, metadata, tokenRule);
  assert.ok(signedIn.scopes.includes(api.scope), `granted scopes ${JSON.stringify(signedIn.scopes)} lack the API scope`);
  // Only a token response with client_info gives this form; without it MSAL falls back to sub.
  assert.equal(signedIn.account.homeAccountId, expectedHomeAccountId(idClaims, settings.policy));

  // Silent: from MSAL's cache first, then (forced) through the refresh_token grant.
  const cache = app.getTokenCache();
  const account = await cache.getAccountByHomeId(signedIn.account.homeAccountId);
  assert.ok(account, "the signed-in account is not in MSAL's cache");
  const cached = await app.acquireTokenSilent({ account, scopes: [api.scope] });
  assert.equal(cached.fromCache, true);
  assert.equal(cached.accessToken, signedIn.accessToken);
  const refreshed = await app.acquireTokenSilent({ account, scopes: [api.scope], forceRefresh: true });
  assert.equal(refreshed.fromCache, false);
  assert.notEqual(refreshed.accessToken, signedIn.accessToken, "a refresh must issue a new access token");
  checkAccessToken(refreshed.accessToken, metadata, tokenRule);
  // The refresh response carries a new ID token too; it must be as valid as the first.
  checkIdToken(refreshed.idToken, metadata, webApp.clientId);

  // While the IdP session lives, a new sign-in needs no page (SSO): this is what sign-out must end.
  const again = await browser.open((await authCodeUrl(app, crypto)).url, webApp.redirectUri);
  assert.ok(again.arrivedAt?.searchParams.get("code"), `expected SSO straight back to the app, got ${describe(again)}`);

  // Sign-out as the sample does: forget the account, then send the user to the flow's logout URL (no
  // id_token_hint, no client_id) with the post-logout URI; the IdP must end its session and send them there.
  await cache.removeAccount(account);
  assert.deepEqual(await cache.getAllAccounts(), []);
  const logoutUrl = `${authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(webApp.postLogoutRedirectUri)}`;
  const loggedOut = await browser.open(logoutUrl, webApp.postLogoutRedirectUri);
  assert.ok(loggedOut.arrivedAt, `expected a redirect to ${webApp.postLogoutRedirectUri}, got ${describe(loggedOut)}`);
  assert.equal(loggedOut.arrivedAt.origin + loggedOut.arrivedAt.pathname, webApp.postLogoutRedirectUri);

  const afterLogout = await browser.open((await authCodeUrl(app, crypto)).url, webApp.redirectUri);
  assert.ok(afterLogout.page && findSignInForm(afterLogout.page), `SSO should have ended: expected the sign-in page, got ${describe(afterLogout)}`);
});
