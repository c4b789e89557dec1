/* Drag-and-drop (and keyboard) ordering for tabular inlines with a position column.
 *
 * Progressive enhancement: without this script the position numbers are typed by hand.
 * With it, each row gets a handle; dragging it (pointer) or pressing the arrow keys on it
 * moves the row, and before the form is submitted (save or preview) the rows that hold
 * something are numbered 1, 2, 3... in the order shown. Empty extra rows are left alone
 * so that they stay "unchanged" and are not validated.
 */
"use strict";
(function () {
  const ROW = "tr.form-row:not(.empty-form)";
  const translate = window.gettext || function (text) { return text; };

  function positionInput(row) {
    return row.querySelector("td.field-position input");
  }

  function holdsSomething(row) {
    const id = row.querySelector("td.original input[type=hidden][name$='-id']");
    if (id && id.value) return true;
    return Array.from(row.querySelectorAll("input, textarea, select")).some(function (field) {
      if (field.type === "hidden" || field.type === "checkbox") return false;
      if (field.closest("td.field-position")) return false;
      if (field.tagName === "SELECT") return field.selectedIndex > 0;
      return field.value.trim() !== "";
    });
  }

  function renumber(tbody) {
    let number = 0;
    tbody.querySelectorAll(ROW).forEach(function (row) {
      const input = positionInput(row);
      if (input && holdsSomething(row)) {
        number += 1;
        input.value = String(number);
      }
    });
  }

  function addHandle(row, tbody) {
    if (row.querySelector(".drag-handle")) return;
    const cell = row.querySelector("td.field-position");
    if (!cell) return;
    const handle = document.createElement("button");
    handle.type = "button";
    handle.className = "drag-handle";
    handle.title = translate("Drag, or use the arrow keys, to move this row");
    handle.setAttribute("aria-label", translate("Move row"));
    handle.textContent = "\u2195";
    cell.prepend(handle);

    handle.addEventListener("keydown", function (event) {
      let sibling = null;
      if (event.key === "ArrowUp") {
        sibling = row.previousElementSibling;
        if (sibling && sibling.matches(ROW)) tbody.insertBefore(row, sibling);
      } else if (event.key === "ArrowDown") {
        sibling = row.nextElementSibling;
        if (sibling && sibling.matches(ROW)) tbody.insertBefore(sibling, row);
      } else {
        return;
      }
      event.preventDefault();
      handle.focus();
      renumber(tbody);
    });

    handle.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      // Listen on the document, not with pointer capture: moving the row in the DOM
      // would release the capture mid-drag.
      row.classList.add("is-dragging");

      function move(moveEvent) {
        const under = document.elementFromPoint(moveEvent.clientX, moveEvent.clientY);
        const target = under && under.closest(ROW);
        if (!target || target === row || target.parentNode !== tbody) return;
        const box = target.getBoundingClientRect();
        if (moveEvent.clientY < box.top + box.height / 2) {
          tbody.insertBefore(row, target);
        } else {
          tbody.insertBefore(row, target.nextElementSibling);
        }
      }

      function drop() {
        row.classList.remove("is-dragging");
        document.removeEventListener("pointermove", move);
        document.removeEventListener("pointerup", drop);
        document.removeEventListener("pointercancel", drop);
        renumber(tbody);
      }

      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", drop);
      document.addEventListener("pointercancel", drop);
    });
  }

  function enhance(group) {
    const tbody = group.querySelector("table tbody");
    if (!tbody || !group.querySelector("td.field-position")) return;
    group.classList.add("is-sortable");
    tbody.querySelectorAll(ROW).forEach(function (row) {
      addHandle(row, tbody);
    });
    const form = group.closest("form");
    if (form && !form.dataset.sortableRenumbers) {
      form.dataset.sortableRenumbers = "1";
      form.addEventListener("submit", function () {
        form.querySelectorAll(".is-sortable table tbody").forEach(renumber);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-group .sortable-inline").forEach(enhance);
  });

  document.addEventListener("formset:added", function (event) {
    const row = event.target;
    const group = row.closest(".sortable-inline");
    if (group) addHandle(row, row.parentNode);
  });
})();
