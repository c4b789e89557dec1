/* Accessible names for the admin's select2 autocomplete boxes (Django bundles select2,
 * which leaves its combobox and search field unnamed and puts a "clear" button straight
 * inside a list). Select2 redraws on every change, so the fixes are re-applied then. */
"use strict";
(function () {
  function fieldName(select) {
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function name(select) {
    const container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) return;
    const text = fieldName(select);
    container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (el) {
      if (el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text);
      // An empty selection's label would otherwise win over aria-label.
      if (el.hasAttribute("aria-labelledby")) el.removeAttribute("aria-labelledby");
    });
    container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (el) {
      // Still inside .select2-selection, where select2 listens for clicks on it.
      el.parentNode.parentNode.append(el);
    });
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    let queued = false;
    new MutationObserver(function () {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () {
        queued = false;
        nameAll();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
