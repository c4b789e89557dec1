"""Search text handling shared by both backends: plain functions, no database.

The query a visitor types becomes a list of words; the SQLite backend folds Spanish plurals
itself (its stemmer is English-only), identically when indexing and when querying, and the
result cards highlight the words that matched.
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from exercises.text.prose import strip_accents

MAX_QUERY_WORDS = 8
MAX_QUERY_LENGTH = 200
WORD_RE = re.compile(r"\w+")
VOWELS = frozenset("aeiou")


def query_words(query: str) -> list[str]:
    """The words of a visitor's query, lower-cased, without operators or punctuation."""
    return WORD_RE.findall(query[:MAX_QUERY_LENGTH].lower())[:MAX_QUERY_WORDS]


# Remembered: indexing folds every word of every document, and most are the same few
# thousand words.
@functools.lru_cache(maxsize=65536)
def fold_spanish_word(word: str) -> str:
    """``glúteos`` -> ``gluteo``, ``flexiones`` -> ``flexion``, ``veces`` -> ``vez``: singular
    enough that a plural and its singular meet in the index."""
    word = strip_accents(word.lower())
    if len(word) > 4 and word.endswith("ces"):
        return word[:-3] + "z"
    if len(word) > 4 and word.endswith("es") and word[-3] not in VOWELS:
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and word[-2] in VOWELS:
        return word[:-1]
    return word


def fold_spanish(text: str) -> str:
    return WORD_RE.sub(lambda match: fold_spanish_word(match.group(0)), text)


def _match_key(word: str) -> str:
    """Loose form for highlighting: accents and a plural ending off."""
    word = strip_accents(word.lower())
    for ending in ("es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def match_keys(query: str) -> list[str]:
    """The query's words in the loose form ``highlight`` and ``matches_every_word`` compare
    (accents and a plural ending off), words shorter than two letters left out."""
    return [key for key in map(_match_key, query_words(query)) if len(key) >= 2]


def matches_every_word(text: str, keys: list[str]) -> bool:
    """Whether every key (``match_keys``) starts a word of ``text``, ignoring case, accents
    and plural endings: a title search without an index, for short lists of titles."""
    words = [_match_key(word) for word in WORD_RE.findall(text)]
    return bool(keys) and all(any(word.startswith(key) for word in words) for key in keys)


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, with the words the query matched wrapped in ``<mark>``.

    A word matches when it starts with a query word, ignoring case, accents and plural
    endings, so the last, half-typed word of the query highlights too."""
    keys = match_keys(query)
    if not keys:
        return escape(text)
    pieces = []
    for piece in re.split(r"(\w+)", text):
        if piece and WORD_RE.fullmatch(piece) and _match_key(piece).startswith(tuple(keys)):
            pieces.append(f"<mark>{escape(piece)}</mark>")
        else:
            pieces.append(escape(piece))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
