// The log form: show quantity for a portion and grams for a weight, and preview the
// magnesium about to be logged. Without JavaScript all fields show and the server checks.
(function () {
  var form = document.querySelector(".entry-form");
  var portion = document.getElementById("id_portion");
  if (!form || !portion) return;
  var quantity = document.getElementById("id_quantity");
  var grams = document.getElementById("id_grams");
  var preview = document.getElementById("entry-preview");
  var gramsByPortion = JSON.parse(document.getElementById("portion-grams").textContent);
  var perHundred = parseFloat(form.dataset.magnesiumPerHundredGrams);

  function amountInGrams() {
    if (portion.value) return parseFloat(gramsByPortion[portion.value]) * parseFloat(quantity.value);
    return parseFloat(grams.value);
  }

  function update() {
    var usePortion = portion.value !== "";
    document.getElementById("field-quantity").hidden = !usePortion;
    document.getElementById("field-grams").hidden = usePortion;
    if (usePortion) grams.value = "";
    var amount = amountInGrams();
    if (isNaN(amount) || amount <= 0) {
      preview.hidden = true;
      return;
    }
    var text = Math.round(amount * 10) / 10 + " g";
    text += isNaN(perHundred)
      ? ": magnesium unknown for this food."
      : ": about " + Math.round(perHundred * amount / 100) + " mg magnesium.";
    preview.textContent = text;
    preview.hidden = false;
  }

  [portion, quantity, grams].forEach(function (input) {
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });
  update();
})();
