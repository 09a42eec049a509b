// Pages may come from the shared page cache, so they carry no CSRF token: a form that posts
// holds <input type="hidden" name="csrfmiddlewaretoken" data-csrf="/csrf/"> and this script
// fills it from that small request (which also sets the visitor's CSRF cookie).
(function () {
  "use strict";
  function fill() {
    var inputs = document.querySelectorAll("input[data-csrf]");
    if (!inputs.length) return;
    fetch(inputs[0].getAttribute("data-csrf"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.token) return;
        inputs.forEach(function (input) { input.value = data.token; });
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
