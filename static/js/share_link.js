// Shares page: "Copy link" puts the new share's link on the clipboard (shown only where the
// browser allows it); if copying fails, the link is selected for the user to copy.
(function () {
  "use strict";
  var field = document.getElementById("new-link");
  var button = document.getElementById("copy-link");
  var status = document.getElementById("copy-status");
  if (!field || !button || !status || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(
      function () {
        status.textContent = "Copied.";
      },
      function () {
        field.select();
        status.textContent = "Not copied: the link is selected, copy it with your browser.";
      }
    );
  });
})();
