// Run now viewer: an authorization response in the URL fragment never reaches the server, so post it there (same
// origin) and drop it from the address bar and history. Nothing else; no other script is loaded.
(function () {
    "use strict";
    var fragment = window.location.hash.substring(1);
    if (!fragment) {
        return;
    }

    var params = new URLSearchParams(fragment);
    if (!params.has("state") && !params.has("id_token") && !params.has("code") && !params.has("error")) {
        return;
    }

    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    var form = document.createElement("form");
    form.method = "post";
    form.action = window.location.pathname;
    params.append("relay", "fragment");
    params.forEach(function (value, name) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
})();
