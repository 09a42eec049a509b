// The directory works without this script; it only saves clicks.
(function () {
  var form = document.querySelector("form[data-directory]");
  if (!form) return;
  // Wide screens show the filters beside the results; phones keep them behind the button.
  var filters = form.querySelector("details.directory-filters");
  if (filters && window.matchMedia("(min-width: 60rem)").matches) filters.open = true;
  // A new order applies at once; the empty page parameter is never sent (back to page 1).
  form.querySelectorAll("[data-autosubmit]").forEach(function (control) {
    control.addEventListener("change", function () { form.requestSubmit(); });
  });
})();
