// Serves the test SPA over HTTPS on its own origin (another port than the IdP's), so every call MSAL makes to the
// IdP is cross-origin and CORS is what the browser really enforces. The certificate is the IdP's test leaf.
import https from "node:https";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const spaFolder = fileURLToPath(new URL("../spa/", import.meta.url));
const msalBrowserLib = path.join(path.dirname(createRequire(import.meta.url).resolve("@azure/msal-browser/package.json")), "lib");

/** Starts the server for `config` (what app.js reads as CONFIG) at `origin`; resolves to the server. */
export async function startSpaServer({ origin, tls, config }) {
  const files = {
    "/index.html": path.join(spaFolder, "index.html"),
    "/signed-out.html": path.join(spaFolder, "signed-out.html"),
    "/redirect.html": path.join(spaFolder, "redirect.html"),
    "/app.js": path.join(spaFolder, "app.js"),
    "/redirect.js": path.join(spaFolder, "redirect.js"),
    "/msal-browser.js": path.join(msalBrowserLib, "msal-browser.js"),
    "/msal-redirect-bridge.js": path.join(msalBrowserLib, "redirect-bridge", "msal-redirect-bridge.js"),
  };
  const server = https.createServer({ cert: fs.readFileSync(tls.certPath), key: fs.readFileSync(tls.keyPath) }, (request, response) => {
    const { pathname } = new URL(request.url, origin);
    if (pathname === "/config.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(`window.CONFIG = ${JSON.stringify(config)};`);
      return;
    }
    if (pathname === "/favicon.ico") {
      // Answered so the browser's automatic request leaves no 404 in the page's console log.
      response.writeHead(204).end();
      return;
    }
    const file = files[pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const type = pathname.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(fs.readFileSync(file));
  });
  const { hostname, port } = new URL(origin);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname, resolve);
  });
  return server;
}
