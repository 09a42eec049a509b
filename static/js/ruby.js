// Furigana on and off for readers of やさしい日本語 (portal/ruby.py renders the <ruby>). The
// choice is kept in localStorage, so it holds from page to page. Without JavaScript the
// readings simply stay on, and the button stays hidden.
(function () {
  "use strict";
  var KEY = "tsunagaru-ruby";
  var root = document.documentElement;
  function apply(on) {
    root.classList.toggle("no-ruby", !on);
    document.querySelectorAll("[data-ruby-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (error) { /* private mode */ }
  apply(stored !== "off");
  document.querySelectorAll("[data-ruby-toggle]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      apply(on);
      try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (error) { /* ignore */ }
    });
  });
})();
