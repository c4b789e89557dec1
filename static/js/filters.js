// Progressive enhancement for the list filters: the form works as a plain GET form without it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-submit]");
  if (!form) {
    return;
  }
  // Phones see results first; the filter panel stays one tap away.
  var panel = form.querySelector("details[data-collapse-on-phone]");
  if (panel && window.matchMedia("(max-width: 47.99em)").matches && !form.querySelector(":checked:not(option)")) {
    panel.open = false;
  }
  // Apply a filter as soon as it changes; the search box still waits for Enter.
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") {
      return;
    }
    var page = form.querySelector("input[name=page]");
    if (page) {
      page.remove();
    }
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
})();
