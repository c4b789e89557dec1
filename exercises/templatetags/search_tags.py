from django import template

from exercises.search import highlight as highlight_matches

register = template.Library()


@register.filter
def highlight(text, query):
    """``{{ exercise.title|highlight:search_query }}``: escaped, matches in ``<mark>``."""
    return highlight_matches(str(text), query or "")
