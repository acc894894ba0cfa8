// What the xunit side (NodeClientTests) set up for this run: the server, its registrations and the test CA.
// Every value is required: these tests only mean something against a server prepared for them, so a missing
// variable stops the run with its name instead of falling back to a guess.

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Environment variable ${name} is not set: run these tests through "dotnet test" (NodeClientTests).`);
  }
  return value;
}

/** The IdP, e.g. https://localhost:5443 (the host must be in the test certificate). */
export const idpBaseUrl = required("IDP_BASE_URL");
/** Tenant domain and user flow, as an app written for B2C puts them in its authority. */
export const tenantDomain = required("IDP_TENANT_DOMAIN");
export const policy = required("IDP_POLICY");
/** B2C's authority form: https://{host}/{tenant domain}/{policy}. */
export const authority = `${idpBaseUrl}/${tenantDomain}/${policy}`;
/** MSAL compares host:port with this list; listing it keeps MSAL from asking Microsoft's instance discovery. */
export const knownAuthorities = [new URL(idpBaseUrl).host];

export const user = { signInName: required("IDP_USER"), password: required("IDP_PASSWORD") };

export const api = { clientId: required("IDP_API_CLIENT_ID"), scope: required("IDP_API_SCOPE") };
/** The scope's own name (the part after the App ID URI), as it appears in an access token's scp. */
export const apiScopeName = api.scope.slice(api.scope.lastIndexOf("/") + 1);

export const webApp = {
  clientId: required("IDP_WEB_CLIENT_ID"),
  clientSecret: required("IDP_WEB_CLIENT_SECRET"),
  redirectUri: required("IDP_WEB_REDIRECT_URI"),
  postLogoutRedirectUri: required("IDP_WEB_POST_LOGOUT_URI"),
};

export const spa = {
  clientId: required("IDP_SPA_CLIENT_ID"),
  /** Another port than the IdP's, so the browser treats every call to the IdP as cross-origin. */
  origin: required("IDP_SPA_ORIGIN"),
};

/** Leaf certificate and key the test CA issued for localhost (the IdP's own), reused by the SPA's server. */
export const tls = {
  certPath: required("IDP_TLS_CERT"),
  keyPath: required("IDP_TLS_KEY"),
  /** base64(SHA-256(SPKI)) of that key: Chromium trusts exactly this key, not a CA store. */
  spkiHash: required("IDP_TLS_SPKI"),
};

export const chromiumPath = process.env.IDP_CHROMIUM || "/usr/bin/chromium";
/** Optional: where browser tests leave screenshots for people to look at. */
export const screenshotFolder = process.env.IDP_SCREENSHOTS || "";
