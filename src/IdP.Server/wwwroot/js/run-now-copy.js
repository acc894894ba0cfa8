// Run now list page: "Copy" buttons for the run URLs. The URLs stay selectable text without JavaScript.
(function () {
    "use strict";
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            var target = document.getElementById(button.getAttribute("data-copy"));
            if (!target) {
                return;
            }

            var text = target.textContent.trim();
            var done = function () {
                var label = button.textContent;
                button.textContent = button.getAttribute("data-copied") || label;
                window.setTimeout(function () { button.textContent = label; }, 1500);
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(done, function () { select(target); });
            } else {
                // No clipboard API over plain HTTP on another host: select the URL so Ctrl+C copies it.
                select(target);
            }
        });
    });

    function select(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }
})();
