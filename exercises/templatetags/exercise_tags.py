from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from exercises.media.storage import STORAGE_ERRORS
from exercises.site.structured_data import dumps_for_script

register = template.Library()

# Mid-sentence, where Spanish writes language names in lower case ("en inglés").
LANGUAGE_NAMES_IN_A_SENTENCE = {
    "en": pgettext_lazy("language name in a sentence", "English"),
    "es": pgettext_lazy("language name in a sentence", "Spanish"),
}


@register.filter
def language_in_a_sentence(code: str) -> str:
    """``{{ "en"|language_in_a_sentence }}``: "English" on an English page, "inglés" on a
    Spanish one."""
    return str(LANGUAGE_NAMES_IN_A_SENTENCE.get(code, code))


@register.filter
def human_duration(seconds: int | None) -> str:
    """``90`` -> "1 min 30 s"; empty for an unknown duration."""
    if not seconds:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(_("%(count)d h") % {"count": hours})
    if minutes:
        parts.append(_("%(count)d min") % {"count": minutes})
    if secs:
        parts.append(_("%(count)d s") % {"count": secs})
    return " ".join(parts)


@register.filter
def json_ld(data) -> str:
    """A ``<script type="application/ld+json">`` element whose content cannot break out."""
    return format_html('<script type="application/ld+json">{}</script>', dumps_for_script(data))


def _page_in_languages(context, *, keep_query: bool) -> dict[str, str | None]:
    """This page's address in each language; None where there is no such page.

    Views that know better (a detail page whose translations have other slugs) put
    ``alternate_urls`` in the context, and where the switch carries more than the query
    string (a search: see the list view) ``language_switch_urls``; otherwise the current
    path is translated.
    """
    switch = context.get("language_switch_urls")
    if keep_query and switch is not None:
        return {code: switch.get(code) for code, _name in settings.LANGUAGES}
    explicit = context.get("alternate_urls")
    if explicit is not None:
        return {code: explicit.get(code) for code, _name in settings.LANGUAGES}
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return dict.fromkeys(code for code, _name in settings.LANGUAGES)
    path = request.get_full_path() if keep_query else request.path
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


def _language_home(code: str) -> str:
    with translation.override(code):
        return reverse("exercises:list")


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    current = translation.get_language()
    urls = _page_in_languages(context, keep_query=True)
    choices = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        choices.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": urls.get(code) or _language_home(code),
                "is_current": code == current,
                "is_translation": bool(urls.get(code)),
            }
        )
    return {"choices": choices}


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """``<link rel="alternate" hreflang>`` for every language this page exists in."""
    request = context.get("request")
    urls = {code: url for code, url in _page_in_languages(context, keep_query=False).items() if url}
    if request is None or not urls:
        return ""
    default = urls.get(settings.LANGUAGE_CODE) or next(iter(urls.values()))
    links = [*urls.items(), ("x-default", default)]
    return format_html_join(
        "\n",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((code, request.build_absolute_uri(url)) for code, url in links),
    )


@register.simple_tag
def stored_image(image):
    """URL and size of an uploaded image, or None when there is none or its file is gone
    (an imported path alone is not an image the site can show)."""
    if not image:
        return None
    try:
        width, height = image.width, image.height
    except (ValueError, *STORAGE_ERRORS):  # gone, unreadable, or the bucket is unreachable
        return None
    return {"url": image.url, "width": width, "height": height}
