// Just enough of a browser's cookie store for one host: the IdP's session, journey and antiforgery cookies must
// come back on the next request, and a cookie the server expires (sign-out) must stop coming back, or "SSO ended"
// could not be told from "the jar kept a stale cookie".

export class CookieJar {
  #cookies = new Map(); // "name|path" -> { name, value, path }

  /** Stores the Set-Cookie headers of a response to a request for `url`. */
  store(response, url) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = defaultPath(new URL(url).pathname);
      let expired = false;
      for (const attribute of attributes) {
        const [key, attributeValue = ""] = attribute.split("=");
        const lower = key.toLowerCase();
        if (lower === "path" && attributeValue.startsWith("/")) path = attributeValue;
        if (lower === "max-age" && Number(attributeValue) <= 0) expired = true;
        if (lower === "expires" && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  /** The Cookie header a browser would send to `url` (longest paths first, as RFC 6265 orders them). */
  headerFor(url) {
    const path = new URL(url).pathname;
    return [...this.#cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  get names() {
    return [...this.#cookies.values()].map((c) => c.name);
  }
}

// RFC 6265 §5.1.4: without a Path attribute a cookie belongs to the request path's "directory".
function defaultPath(requestPath) {
  const slash = requestPath.lastIndexOf("/");
  return slash <= 0 ? "/" : requestPath.slice(0, slash);
}
