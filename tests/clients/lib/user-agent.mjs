// A browser without a browser, for the msal-node test: the web app's user is sent to the IdP, signs in on its real
// HTML page and comes back to the app's redirect URI. Redirects are followed by hand so that the redirect URI
// itself is never requested (nothing listens there: the app only needs the code in the Location).
import { CookieJar } from "./cookie-jar.mjs";

const MaxRedirects = 10;

export class UserAgent {
  jar = new CookieJar();

  async request(url, { method = "GET", form } = {}) {
    const headers = { cookie: this.jar.headerFor(url) };
    let body;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = form.toString();
    }
    const response = await fetch(url, { method, headers, body, redirect: "manual" });
    this.jar.store(response, url);
    return response;
  }

  /**
   * Follows redirects from `response` (the answer to `url`) until a Location starts with `stopAt`, or a page answers.
   * Returns { arrivedAt: URL } for the former and { page: { url, status, html } } for the latter.
   */
  async follow(url, response, stopAt) {
    for (let hop = 0; hop < MaxRedirects; hop++) {
      if (response.status < 300 || response.status >= 400) {
        return { page: { url, status: response.status, html: await response.text() } };
      }
      url = new URL(response.headers.get("location"), url).href;
      if (url.startsWith(stopAt)) return { arrivedAt: new URL(url) };
      response = await this.request(url);
    }
    throw new Error(`More than ${MaxRedirects} redirects, last to ${url}`);
  }

  /** Opens `url` as a browser would (a top-level GET), following redirects up to `stopAt`. */
  async open(url, stopAt) {
    return this.follow(url, await this.request(url), stopAt);
  }
}
