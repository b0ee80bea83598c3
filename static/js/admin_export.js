// The food export's "Select all": django-import-export wires it with an inline onchange, which
// the CSP (no 'unsafe-inline') blocks; the same handler, attached from here.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".select-toggle").forEach(function (toggle) {
    toggle.id = toggle.id || "select-all-toggle";
    toggle.addEventListener("change", onSelectToggleChange);
  });
});
