// Offer pregnancy and breastfeeding only when sex is female. Without JavaScript the
// field stays visible and the server checks the combination.
(function () {
  var stage = document.getElementById("field-life_stage");
  var sexInputs = document.querySelectorAll('input[name="sex"]');
  if (!stage || !sexInputs.length) return;
  function update() {
    var female = document.querySelector('input[name="sex"][value="female"]');
    var show = female && female.checked;
    stage.hidden = !show;
    if (!show) {
      var none = stage.querySelector('input[value="none"]');
      if (none) none.checked = true;
    }
  }
  sexInputs.forEach(function (input) { input.addEventListener("change", update); });
  update();
})();
