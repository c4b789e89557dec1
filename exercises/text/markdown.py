"""Markdown bodies to safe HTML: render with markdown-it-py, then sanitise with an nh3 allowlist.

The body is written by editors and imported from files, so it is treated as untrusted:
whatever the renderer lets through (raw HTML is legal markdown) is cleaned afterwards.

markdown-it-py rather than Python-Markdown: Python-Markdown's inline patterns backtrack, so a
run of 5,000 ``[`` takes seconds and 300 nested list levels raise RecursionError, while
markdown-it-py's CommonMark parser is linear on such input and caps block nesting
(``maxNesting``). Rendering happens when a body is saved or imported, never per request; the
length caps in ``exercises.validators`` bound the work per body.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    # Footnote references and back-links point at these ids.
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "li": {"id"},
    "ol": {"start"},
}
# No ``style`` attribute anywhere (table alignment included): the Content-Security-Policy
# refuses inline styles, so the browser would only report them as violations.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Block nesting (lists in lists, quotes in quotes) deeper than this is left as text.
MAX_NESTING = 20

_parser = (
    MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    .enable(["table", "strikethrough"])
    .use(deflist_plugin)
    .use(footnote_plugin)
)


def render_markdown(source: str) -> SafeString:
    """HTML for ``source``; no script, event handler or ``javascript:`` URL survives."""
    if not source.strip():
        return mark_safe("")
    cleaned = nh3.clean(
        _parser.render(source),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 output is sanitised HTML
