// The benchmark's peer: node oidc-provider 9.x as its README configures it for production-like use, minus a
// database: the memory adapter, one RS256 signing key, RS256 JWT access tokens for one API (resource indicators),
// and one confidential client allowed the client_credentials grant. Single process, as node runs by default.
//
//   node server.mjs <port> <client_id> <client_secret> <resource>
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port = '5100', clientId = 'bench-daemon', clientSecret = 'bench-secret', resource = 'https://bench.test/api'] = process.argv.slice(2);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'bench-1' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [jwk] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, indicator) => {
        if (indicator !== resource) throw new Error('unknown resource');
        return { scope: 'api.read', audience: resource, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`peer listening on http://127.0.0.1:${port}`));
