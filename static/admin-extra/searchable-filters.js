/* A search box over long changelist filters (muscles, equipment): typing hides the
 * terms that do not contain the text. Without this script the full list shows. */
"use strict";
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".searchable-filter").forEach(function (filter) {
      const input = filter.querySelector(".searchable-filter__input");
      const items = Array.from(filter.querySelectorAll("ul > li"));
      input.hidden = false;
      input.addEventListener("input", function () {
        const wanted = fold(input.value.trim());
        items.forEach(function (item, index) {
          // The first item is "All", which always stays.
          item.hidden = index > 0 && wanted !== "" && !fold(item.textContent).includes(wanted);
        });
      });
    });
  });
})();
