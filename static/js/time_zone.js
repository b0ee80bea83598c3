// Sign-up: send the browser's time zone (an IANA name) in the hidden field, so that "today"
// is the user's own date from the first page. Without JavaScript the server uses UTC.
(function () {
  var field = document.querySelector('input[name="time_zone"]');
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
})();
