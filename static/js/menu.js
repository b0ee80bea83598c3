// The main menu behind one button on a narrow screen (the CSS under "Issue 18: menu, trends"
// in app.css folds the list only once this script has marked the nav with has-menu). Without
// JavaScript the button stays hidden and every link is shown.
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  var button = nav && nav.querySelector(".menu-button");
  if (!button) {
    return;
  }

  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  setOpen(false);
  button.hidden = false;
  nav.classList.add("has-menu");
  button.addEventListener("click", function () {
    setOpen(!isOpen());
  });
  // Escape closes the open menu and gives the focus back to its button.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      button.focus();
    }
  });
})();
