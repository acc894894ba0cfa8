// MSAL only base64-decodes the tokens it gets (no signature, issuer, audience or expiry check), so a green MSAL run
// proves nothing about them. These checks do what a relying party and an API must do: discovery, JWKS, RS256.
import assert from "node:assert/strict";
import crypto from "node:crypto";

/** The flow's discovery document and signing keys, fetched the way an API would fetch them. */
export async function loadSigningMetadata(authority) {
  const discovery = await getJson(`${authority}/v2.0/.well-known/openid-configuration`);
  const { keys } = await getJson(discovery.jwks_uri);
  return { issuer: discovery.issuer, keys, discovery };
}

/** Checks signature, issuer and lifetime of a JWT from the IdP; returns its header and claims. */
export function verifyJwt(token, metadata, what) {
  assert.equal(typeof token, "string", `${what}: no token`);
  const [encodedHeader, encodedPayload, signature] = token.split(".");
  const header = JSON.parse(Buffer.from(encodedHeader, "base64url"));
  const claims = JSON.parse(Buffer.from(encodedPayload, "base64url"));

  assert.equal(header.alg, "RS256", `${what}: alg`);
  const jwk = metadata.keys.find((key) => key.kid === header.kid);
  assert.ok(jwk, `${what}: kid ${header.kid} is not in the JWKS`);
  const signed = crypto.verify("sha256", Buffer.from(`${encodedHeader}.${encodedPayload}`),
    crypto.createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"));
  assert.ok(signed, `${what}: signature does not verify with the JWKS key ${header.kid}`);

  assert.equal(claims.iss, metadata.issuer, `${what}: iss is not the discovery issuer`);
  const now = Date.now() / 1000;
  assert.ok(claims.exp > now, `${what}: expired (exp ${claims.exp})`);
  // The test server's clock stands still at its start, so nbf is never in our future.
  assert.ok(claims.nbf === undefined || claims.nbf <= now, `${what}: not yet valid (nbf ${claims.nbf})`);
  return { header, claims };
}

/** An ID token for `clientId`. */
export function checkIdToken(token, metadata, clientId) {
  const { claims } = verifyJwt(token, metadata, "ID token");
  assert.equal(claims.aud, clientId, "ID token: aud");
  return claims;
}

/** An access token as B2C issues it to `clientId` for one scope of the API `apiClientId`. */
export function checkAccessToken(token, metadata, { apiClientId, scopeName, clientId }) {
  const { header, claims } = verifyJwt(token, metadata, "access token");
  assert.equal(header.typ, "JWT", "access token: header typ");
  assert.equal(claims.aud, apiClientId, "access token: aud must be the API's client id");
  assert.ok(String(claims.scp ?? "").split(" ").includes(scopeName), `access token: scp ${JSON.stringify(claims.scp)} lacks ${scopeName}`);
  assert.equal(claims.azp, clientId, "access token: azp must be the calling app");
  const internal = Object.keys(claims).filter((name) => name.startsWith("oi_"));
  assert.deepEqual(internal, [], "access token: OpenIddict's private claims leaked");
  return claims;
}

/** MSAL's account id when the token response carried client_info: "{oid}-{policy}.{tid}", as with B2C. */
export function expectedHomeAccountId(idTokenClaims, policy) {
  return `${idTokenClaims.oid}-${policy.toLowerCase()}.${idTokenClaims.tid}`;
}

async function getJson(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return response.json();
}
