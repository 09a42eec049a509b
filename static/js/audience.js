// マイページ: the sub-network picker matters only for the audience "members of chosen
// sub-networks". Without JavaScript it stays shown (and is ignored for other audiences);
// with it, it shows only while that audience is chosen.
(function () {
  "use strict";
  var picker = document.querySelector("[data-audience-picker]");
  if (!picker) { return; }
  var radios = picker.form.querySelectorAll("input[type=radio][name=visibility]");
  function update() {
    var chosen = picker.form.querySelector("input[type=radio][name=visibility]:checked");
    picker.hidden = !chosen || chosen.value !== "subnetworks";
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
