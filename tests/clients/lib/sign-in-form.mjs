// The IdP's sign-in page read as a server-rendered form, the way a browser with JavaScript off submits it:
// every hidden input (the antiforgery token among them) goes back with signInName and password.

/** The sign-in form of `page` ({ url, html }), or null when the page has none (an error page, say). */
export function findSignInForm(page) {
  const form = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
    .find((match) => /\bname="signInName"/i.test(match[2]));
  if (!form) return null;

  const action = attribute(form[1], "action");
  const fields = new URLSearchParams();
  for (const [input] of form[2].matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input, "name");
    if (name && attribute(input, "type")?.toLowerCase() === "hidden") fields.set(name, attribute(input, "value") ?? "");
  }
  return {
    // No action attribute: a browser posts back to the page's own URL.
    action: new URL(action || page.url, page.url).href,
    method: (attribute(form[1], "method") || "get").toUpperCase(),
    fields,
  };
}

/** Fills and submits the sign-in form with the user agent; returns the response and the URL it answers. */
export async function submitSignIn(agent, form, { signInName, password }) {
  const fields = new URLSearchParams(form.fields);
  fields.set("signInName", signInName);
  fields.set("password", password);
  return { url: form.action, response: await agent.request(form.action, { method: form.method, form: fields }) };
}

function attribute(tag, name) {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i"));
  return match ? decodeEntities(match[1]) : null;
}

// Razor encodes attribute values (&amp;, &#x2B;, &#43;, ...): decode the named ones it uses and every numeric one.
function decodeEntities(text) {
  const named = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity) => {
    if (entity[0] !== "#") return named[entity.toLowerCase()] ?? whole;
    return String.fromCodePoint(entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}
