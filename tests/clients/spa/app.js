// A minimal single-page app on msal-browser, configured as Microsoft's B2C browser sample is: B2C authority,
// knownAuthorities, session storage. The test drives it through the functions on window.app.
/* global msal, CONFIG */
(() => {
  const client = new msal.PublicClientApplication({
    auth: {
      clientId: CONFIG.clientId,
      authority: CONFIG.authority,
      knownAuthorities: CONFIG.knownAuthorities,
      redirectUri: `${location.origin}/index.html`,
      postLogoutRedirectUri: `${location.origin}/signed-out.html`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });

  const show = (text) => { document.getElementById("status").textContent = text; };
  const summary = (result) => ({
    fromCache: result.fromCache,
    accessToken: result.accessToken,
    idToken: result.idToken,
    scopes: result.scopes,
    homeAccountId: result.account.homeAccountId,
  });

  // Errors are kept as text (and their class and code): a rejected promise in page.evaluate would lose MSAL's error code.
  const settle = (promise) => promise.then((value) => ({ value }), (error) => ({
    error: `${error.errorCode ?? error.name}: ${error.message}`,
    errorName: error.name,
    errorCode: error.errorCode,
  }));

  window.app = {
    // After loginRedirect the IdP sends the browser back here with #code=…; MSAL redeems it in handleRedirectPromise.
    started: settle(client.initialize()
      .then(() => client.handleRedirectPromise())
      .then((result) => {
        const accounts = client.getAllAccounts();
        show(accounts.length ? `Signed in: ${accounts[0].name}` : "Not signed in");
        return result && summary(result);
      })),
    accounts: () => client.getAllAccounts().map((account) => account.homeAccountId),
    // Navigations: not awaited by the test (the page goes away), so they return nothing.
    login: () => { client.loginRedirect({ scopes: [CONFIG.apiScope] }); },
    logout: () => { client.logoutRedirect({ account: client.getAllAccounts()[0] }); },
    // A hidden iframe on /authorize?prompt=none whose answer comes back through the redirect bridge (redirect.html).
    ssoSilent: (loginHint) => settle(client.ssoSilent({ scopes: [CONFIG.apiScope], loginHint, redirectUri: `${location.origin}/redirect.html` }).then(summary)),
    silent: (forceRefresh) => settle(client.acquireTokenSilent({ account: client.getAllAccounts()[0], scopes: [CONFIG.apiScope], forceRefresh }).then(summary)),
  };
})();
