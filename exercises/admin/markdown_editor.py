"""A markdown editor for long texts in the admin: a formatting toolbar with keyboard shortcuts
over the plain textarea, and a preview beside it rendered on the server by the site's own
bounded renderer (``exercises.text.markdown.render_markdown``), so what the preview shows is
what the page will show, sanitised the same way.

The toolbar is GitHub's ``<markdown-toolbar>`` element (npm ``@github/markdown-toolbar-element``,
MIT), committed under ``static/vendor/`` by ``make vendor`` and served by the project, never
from a CDN. The toolbar and the preview are ``hidden`` until the script shows them, so without
JavaScript the field is the textarea it always was.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from exercises.admin.bases import ExerciseAdminBase
from exercises.models import MAX_BODY_LENGTH
from exercises.text.markdown import render_markdown

# The longest text the preview renders: the longest a markdown field may hold.
MAX_PREVIEW_LENGTH = MAX_BODY_LENGTH
# Refused before the request body is read: a character is at most 4 UTF-8 bytes, each sent as
# "%XX" in a url-encoded form, plus room for the other fields.
MAX_PREVIEW_REQUEST_BYTES = MAX_PREVIEW_LENGTH * 4 * 3 + 4096

TOOLBAR_SCRIPT = "vendor/markdown-toolbar-element/markdown-toolbar-element.js"
EDITOR_SCRIPT = "admin-extra/markdown-editor.js"
EDITOR_STYLESHEETS = ["admin-extra/visually-hidden.css", "admin-extra/markdown-editor.css"]


@dataclass(frozen=True)
class Tool:
    """One toolbar button: the element's style name, its accessible name, the key that
    applies it with Ctrl (or Cmd), and the glyph shown."""

    style: str
    label: str | Promise
    key: str = ""
    glyph: str = ""
    shift: bool = False

    @property
    def shortcut(self) -> str:
        """As people read it: "Ctrl+Shift+8"."""
        return "+".join(["Ctrl", *(["Shift"] if self.shift else []), self.key]) if self.key else ""

    @property
    def keyshortcuts(self) -> str:
        """As ``aria-keyshortcuts`` spells it: both modifiers, Cmd being Meta."""
        if not self.key:
            return ""
        rest = "+".join([*(["Shift"] if self.shift else []), self.key])
        return f"Control+{rest} Meta+{rest}"


# GitHub's shortcuts, which most editors of other tools already know; markdown-editor.js
# reads them from the buttons' data-key, so they are declared only here.
TOOLS = [
    Tool("header-2", gettext_lazy("Heading"), glyph="H"),
    Tool("bold", gettext_lazy("Bold"), key="B", glyph="B"),
    Tool("italic", gettext_lazy("Italic"), key="I", glyph="I"),
    Tool("strikethrough", gettext_lazy("Strikethrough"), glyph="S"),
    Tool("quote", gettext_lazy("Quote"), key=".", shift=True),
    Tool("code", gettext_lazy("Code"), key="E", glyph="</>"),
    Tool("link", gettext_lazy("Link"), key="K"),
    Tool("unordered-list", gettext_lazy("Bulleted list"), key="8", shift=True),
    Tool("ordered-list", gettext_lazy("Numbered list"), key="7", shift=True),
]
PREVIEW_TOGGLE = Tool("preview", gettext_lazy("Preview"), key="P", shift=True)


class MarkdownEditor(forms.Textarea):
    """A textarea with a formatting toolbar and a live preview fetched from ``preview_url``."""

    template_name = "exercises/widgets/markdown_editor.html"

    def __init__(self, attrs=None, *, preview_url: str = ""):
        super().__init__(attrs)
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["editor"] = {
            "preview_url": self.preview_url,
            "max_length": MAX_PREVIEW_LENGTH,
            "limit": number_format(MAX_PREVIEW_LENGTH, force_grouping=True),
            "tools": TOOLS,
            "preview_toggle": PREVIEW_TOGGLE,
        }
        return context

    @property
    def media(self):
        return forms.Media(
            css={"all": EDITOR_STYLESHEETS},
            # Module scripts run deferred and in order: the element is defined before the
            # editor script looks for it. (django-stubs does not know Django 5.2's Script yet.)
            js=[
                forms.Script(TOOLBAR_SCRIPT, type="module"),  # type: ignore[list-item]
                forms.Script(EDITOR_SCRIPT, type="module"),  # type: ignore[list-item]
            ],
        )


class MarkdownEditorMixin(ExerciseAdminBase):
    """Gives the model's ``markdown_fields`` the markdown editor, and the admin the preview
    endpoint it posts to: ``<app>/<model>/markdown-preview/``, POST with the CSRF token, for
    users who may add or change that model."""

    markdown_fields: Sequence[str] = ()

    def _markdown_preview_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_markdown_preview"

    def get_urls(self):
        return [
            path(
                "markdown-preview/",
                self.admin_site.admin_view(require_POST(self.markdown_preview_view)),
                name=self._markdown_preview_url_name(),
            ),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            preview_url = reverse(f"admin:{self._markdown_preview_url_name()}")
            kwargs["widget"] = MarkdownEditor(preview_url=preview_url)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def markdown_preview_view(self, request: HttpRequest) -> JsonResponse:
        """``{"html": ...}`` for the posted ``text``; an ``{"error": ...}`` the editor shows
        in its status line otherwise."""
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            return JsonResponse(
                {"error": _("You do not have permission to preview this text.")}, status=403
            )
        too_long = JsonResponse(
            {
                "error": _("The preview shows at most %(limit)s characters.")
                % {"limit": number_format(MAX_PREVIEW_LENGTH, force_grouping=True)}
            },
            status=413,
        )
        try:
            declared_bytes = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared_bytes = 0
        if declared_bytes > MAX_PREVIEW_REQUEST_BYTES:
            return too_long
        text = request.POST.get("text", "")
        if len(text) > MAX_PREVIEW_LENGTH:
            return too_long
        return JsonResponse({"html": str(render_markdown(text))})
