// Suggestions for the header search box, following the ARIA combobox pattern (list
// autocomplete). Without this script the box is a plain GET form to the exercise list.
(function () {
  "use strict";
  var DEBOUNCE_MS = 150;
  var MIN_LENGTH = 2;

  var form = document.querySelector("form[data-site-search]");
  if (!form || !window.fetch) {
    return;
  }
  var input = form.querySelector("[role=combobox]");
  var listbox = document.getElementById(input.getAttribute("aria-controls"));
  var status = form.querySelector("[data-site-search-status]");
  var suggestUrl = form.getAttribute("data-suggest-url");
  var timer = null;
  var controller = null;
  var active = -1;

  function options() {
    return listbox.querySelectorAll("[role=option]");
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    var items = options();
    if (!items.length) {
      return;
    }
    active = (index + items.length) % items.length;
    items.forEach(function (item, position) {
      item.setAttribute("aria-selected", position === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function announce(count) {
    var template = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many;
    status.textContent = template.replace("{count}", String(count));
  }

  function render(suggestions) {
    listbox.textContent = "";
    suggestions.forEach(function (suggestion, position) {
      var item = document.createElement("li");
      item.id = "site-search-option-" + position;
      item.className = "site-search__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = suggestion.url;
      var title = document.createElement("span");
      title.textContent = suggestion.title;
      item.appendChild(title);
      if (suggestion.kind) {
        // A workout (not an exercise): marked as one, with its minutes.
        item.classList.add("site-search__option--" + suggestion.kind);
        var kind = document.createElement("small");
        kind.textContent = [suggestion.kind_label, suggestion.minutes_label]
          .filter(Boolean)
          .join(" · ");
        item.appendChild(kind);
      } else if (suggestion.difficulty_label) {
        var difficulty = document.createElement("small");
        difficulty.textContent = suggestion.difficulty_label;
        item.appendChild(difficulty);
      }
      listbox.appendChild(item);
    });
    announce(suggestions.length);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (suggestions.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      render([]);
      return;
    }
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    fetch(suggestUrl + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(render)
      .catch(function (error) {
        if (error.name !== "AbortError") {
          close();
        }
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) {
        fetchSuggestions();
        return;
      }
      event.preventDefault();
      setActive(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].dataset.url);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
      }
    }
  });

  listbox.addEventListener("mousedown", function (event) {
    // Keep focus in the input so the list is not closed by the blur before the click.
    event.preventDefault();
  });

  listbox.addEventListener("click", function (event) {
    var item = event.target.closest("[role=option]");
    if (item) {
      window.location.assign(item.dataset.url);
    }
  });

  input.addEventListener("blur", close);
})();
