// Company branding page (/admin/branding): the live preview of the sign-in page.
// Design: the preview is the sign-in page's own markup inside #branding-preview, styled by the same site.css. The real
// page gets the tenant's colours from theme.css, which sets the custom properties --bg and --accent on :root; here the
// same properties are set on the preview element only (CSSOM, which the portal's CSP allows; no inline style), so the
// preview is drawn by the same rules as the real page without touching the portal's own colours. Images chosen but
// not saved are shown from blob: addresses (img-src allows blob: on this page only; an <img> never runs an SVG's
// script). The sign-in page text is never rendered here: it is sent to the page's PreviewText handler, which renders
// and sanitises it with the same code as the sign-in page, and only that HTML is shown. The server stays the judge of
// every value: what the preview ignores as not-yet-a-colour, Save refuses with the core's message.
(function () {
    "use strict";
    var preview = document.getElementById("branding-preview");
    var form = document.getElementById("branding-form");
    if (!preview || !form) {
        return;
    }

    var colorPattern = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

    function setColor(property, value) {
        var color = (value || "").trim();
        if (colorPattern.test(color)) {
            preview.style.setProperty(property, color);
        } else {
            // Empty (or not yet a colour): the default theme's, inherited from site.css.
            preview.style.removeProperty(property);
        }
    }

    function longHex(color) {
        return color.length === 4 ? "#" + color[1] + color[1] + color[2] + color[2] + color[3] + color[3] : color;
    }

    // Text field + colour picker: the text field is what is posted; the picker writes into it and follows it.
    [["backgroundColor", "--bg"], ["accentColor", "--accent"]].forEach(function (pair) {
        var field = document.getElementById(pair[0]);
        var picker = document.getElementById(pair[0] + "Picker");
        if (!field) {
            return;
        }

        field.addEventListener("input", function () {
            setColor(pair[1], field.value);
            if (picker && colorPattern.test(field.value.trim())) {
                picker.value = longHex(field.value.trim().toLowerCase());
            }
        });
        if (picker) {
            picker.addEventListener("input", function () {
                field.value = picker.value;
                setColor(pair[1], picker.value);
            });
        }

        setColor(pair[1], field.value);
    });

    // Username hint: the placeholder of the sign-in name field.
    var hint = document.getElementById("usernameHint");
    var signInName = document.getElementById("preview-signInName");
    if (hint && signInName) {
        hint.addEventListener("input", function () {
            signInName.placeholder = hint.value.trim() || preview.getAttribute("data-default-placeholder") || "";
        });
    }

    // Sign-in page text: rendered by the server (sanitised), a moment after typing stops.
    var text = document.getElementById("signInPageText");
    var textPreview = document.getElementById("preview-text");
    var token = form.querySelector("input[name=__RequestVerificationToken]");
    var textUrl = preview.getAttribute("data-text-url");
    var timer = 0;
    var sent = 0;
    if (text && textPreview && token && textUrl) {
        text.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(renderText, 300);
        });
    }

    function renderText() {
        var request = ++sent;
        var body = new FormData();
        body.append("__RequestVerificationToken", token.value);
        body.append("markdown", text.value);
        fetch(textUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (result) {
                // An older answer arriving after a newer one must not overwrite it.
                if (!result || request !== sent) {
                    return;
                }

                // The HTML comes from the server's sanitiser (p, br, strong, em, lists, links; nothing else), and the
                // page's CSP would not run script even if it did not.
                textPreview.innerHTML = result.html;
                textPreview.hidden = result.html.length === 0;
            })
            .catch(function () { /* The preview keeps the last text; Save still works. */ });
    }

    // Images: a chosen file is shown at once; Remove hides the saved one; clearing the choice shows the saved one again.
    var objectUrls = {};
    var images = {
        bannerLogo: function (url) {
            var logo = document.getElementById("preview-logo");
            var name = document.getElementById("preview-name");
            show(logo, url);
            name.hidden = !!url;
        },
        squareLogo: function (url) {
            show(document.getElementById("preview-icon"), url);
        },
        backgroundImage: function (url) {
            if (url) {
                preview.style.backgroundImage = "url(\"" + url.replace(/["\\\n]/g, "") + "\")";
            } else {
                preview.style.removeProperty("background-image");
            }
        }
    };

    function show(img, url) {
        if (url) {
            img.src = url;
            img.hidden = false;
        } else {
            img.removeAttribute("src");
            img.hidden = true;
        }
    }

    function savedUrl(kind) {
        if (kind === "backgroundImage") {
            return preview.getAttribute("data-background-url") || "";
        }

        var img = document.getElementById(kind === "bannerLogo" ? "preview-logo" : "preview-icon");
        return img.getAttribute("data-saved-src") || "";
    }

    function update(kind) {
        var file = document.getElementById(kind + "File");
        var remove = document.getElementById("remove-" + kind);
        if (objectUrls[kind]) {
            URL.revokeObjectURL(objectUrls[kind]);
            objectUrls[kind] = null;
        }

        if (file && file.files && file.files.length > 0) {
            objectUrls[kind] = URL.createObjectURL(file.files[0]);
            images[kind](objectUrls[kind]);
        } else if (remove && remove.checked) {
            images[kind]("");
        } else {
            images[kind](savedUrl(kind));
        }
    }

    Object.keys(images).forEach(function (kind) {
        var file = document.getElementById(kind + "File");
        var remove = document.getElementById("remove-" + kind);
        if (file) {
            file.addEventListener("change", function () { update(kind); });
        }

        if (remove) {
            remove.addEventListener("change", function () { update(kind); });
        }

        // A file the browser kept in the field after a refused Save (or Back) is shown too.
        update(kind);
    });
})();
