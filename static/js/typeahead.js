// Type-ahead for search boxes: fills the input's <datalist> from /api/v1/suggest/.
// The form works without this script; it only adds suggestions.
(function () {
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q || q === last) return;
        last = q;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (s) {
              var option = document.createElement("option");
              option.value = s.text;
              return option;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
