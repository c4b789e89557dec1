/* The workout editor's running total: the items' seconds added up beside the stated
 * duration, kept up to date as items are edited, added, or marked for deletion. The server
 * renders the saved total; without this script it stays as saved. */
"use strict";
(function () {
  function format(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function total(form) {
    let seconds = 0;
    form.querySelectorAll("input.item-duration").forEach(function (input) {
      const row = input.closest("tr");
      if (!row || row.classList.contains("empty-form")) return;
      const deleted = row.querySelector("input[type=checkbox][name$='-DELETE']");
      if (deleted && deleted.checked) return;
      const value = parseInt(input.value, 10);
      if (!Number.isNaN(value) && value > 0) seconds += value;
    });
    return seconds;
  }

  function update(form, output) {
    const seconds = total(form);
    output.dataset.seconds = String(seconds);
    output.textContent = format(seconds);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const output = document.getElementById("workout-total");
    const form = output && output.closest("form");
    if (!form) return;
    const refresh = function () { update(form, output); };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    // Rows added with "Add another item" (Django's inlines.js) and removed ones.
    document.addEventListener("formset:added", refresh);
    document.addEventListener("formset:removed", refresh);
    refresh();
  });
})();
