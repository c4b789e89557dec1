/* The markdown editor (exercises/admin/markdown_editor.py): shows the formatting toolbar
 * (GitHub's <markdown-toolbar>, vendored) and the preview, binds the keyboard shortcuts the
 * buttons declare, and keeps the preview current by posting the text to the server, which
 * renders it with the site's own sanitising renderer. Without this script the field stays a
 * plain textarea. */
const PREVIEW_DELAY_MS = 350;
const PREVIEW_PREFERENCE = "markdown-editor:preview"; // an editor who hid it keeps it hidden
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/* What a shortcut's key is on the keyboard: letters by the character typed (so layouts
 * work), the rest by the physical key, since Shift changes the character ("8" is "*"). */
function matches(button, event) {
  const key = button.dataset.key;
  if (!key || button.hasAttribute("data-shift") !== event.shiftKey) return false;
  if (/^[A-Z]$/.test(key)) return event.key.toUpperCase() === key;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`;
  if (key === ".") return event.code === "Period";
  return event.key === key;
}

function csrfToken(editor) {
  const field = (editor.closest("form") || document).querySelector(
    "input[name=csrfmiddlewaretoken]",
  );
  return field ? field.value : "";
}

function upgrade(editor) {
  const toolbar = editor.querySelector("markdown-toolbar");
  const textarea = toolbar && document.getElementById(toolbar.getAttribute("for"));
  if (!textarea || !window.customElements.get("markdown-toolbar")) return;
  const preview = editor.querySelector(".md-editor__preview");
  const rendered = editor.querySelector("[data-md-rendered]");
  const status = editor.querySelector("[data-md-status]");
  const toggle = editor.querySelector("[data-md-preview-toggle]");
  const shortcuts = editor.querySelector(".md-editor__shortcuts");
  const messages = editor.dataset;
  const buttons = Array.from(toolbar.querySelectorAll("button[data-key]"));

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  if (name) {
    toolbar.setAttribute("aria-label", `${toolbar.getAttribute("aria-label")}: ${name}`);
    preview.setAttribute("aria-label", `${preview.getAttribute("aria-label")}: ${name}`);
  }
  if (IS_MAC) {
    for (const button of [...buttons, toggle]) button.title = button.title.replace("Ctrl+", "⌘");
    for (const kbd of shortcuts.querySelectorAll("kbd")) {
      kbd.textContent = kbd.textContent.replace("Ctrl+", "⌘");
    }
  }
  const described = (textarea.getAttribute("aria-describedby") || "").split(" ");
  textarea.setAttribute("aria-describedby", [...described, shortcuts.id].join(" ").trim());

  let pending = null; // the request in flight, aborted when a newer text supersedes it
  let timer = 0;
  let shownText = null; // the text the preview shows
  let failing = null; // the status message while previews fail

  function say(message) {
    if (status.textContent !== message) status.textContent = message;
  }

  async function refresh() {
    window.clearTimeout(timer);
    if (preview.hidden) return;
    const text = textarea.value;
    if (text === shownText) return;
    if (pending) pending.abort();
    if (!text.trim()) {
      rendered.replaceChildren();
      rendered.dataset.empty = messages.msgEmpty;
      shownText = text;
      return;
    }
    if (text.length > Number(messages.maxLength)) {
      failing = `${messages.msgFailed} ${messages.msgTooLong} ${messages.msgKept}`;
      say(failing);
      return;
    }
    const controller = new AbortController();
    pending = controller;
    preview.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(messages.previewUrl, {
        method: "POST",
        body: new URLSearchParams({ text }),
        headers: { "X-CSRFToken": csrfToken(editor), Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok || typeof answer.html !== "string") {
        throw new Error(answer.error || `${response.status} ${response.statusText}`.trim());
      }
      // Sanitised by the server's renderer (nh3), the same HTML the page will carry.
      rendered.innerHTML = answer.html;
      delete rendered.dataset.empty;
      shownText = text;
      if (failing) {
        failing = null;
        say(messages.msgReady);
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      const reason = error instanceof TypeError ? messages.msgUnreachable : error.message;
      failing = `${messages.msgFailed} ${reason} ${messages.msgKept}`;
      say(failing);
    } finally {
      if (pending === controller) {
        pending = null;
        preview.removeAttribute("aria-busy");
      }
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, PREVIEW_DELAY_MS);
  }

  function showPreview(show, { announce = true } = {}) {
    preview.hidden = !show;
    toggle.setAttribute("aria-pressed", String(show));
    editor.classList.toggle("md-editor--previewing", show);
    if (announce) say(show ? messages.msgReady : "");
    if (show) refresh();
  }

  textarea.addEventListener("input", schedule);
  textarea.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const button = [...buttons, toggle].find((candidate) => matches(candidate, event));
    if (!button) return;
    event.preventDefault();
    button.click();
  });
  toggle.addEventListener("click", () => {
    const show = preview.hidden;
    showPreview(show);
    try {
      window.localStorage.setItem(PREVIEW_PREFERENCE, show ? "shown" : "hidden");
    } catch {
      // Storage refused (private mode, quota): the choice lasts for this page only.
    }
  });

  // One tab stop for the whole toolbar from the start (the element sets this up only once
  // the toolbar itself is focused, so Shift+Tab from the text would stop on every button).
  toolbar.removeAttribute("tabindex");
  toolbar.querySelectorAll("[data-md-button]").forEach((button, index) => {
    button.setAttribute("tabindex", index === 0 ? "0" : "-1");
  });
  toolbar.hidden = false;
  shortcuts.hidden = false;
  editor.classList.add("md-editor--enhanced");
  showPreview(storedPreference() !== "hidden", { announce: false });
}

function storedPreference() {
  try {
    return window.localStorage.getItem(PREVIEW_PREFERENCE);
  } catch {
    return null;
  }
}

for (const editor of document.querySelectorAll("[data-markdown-editor]")) {
  upgrade(editor);
}
