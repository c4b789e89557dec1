"""Finding an exercise's name in its content when the front matter gives no title.

Files of the second shape are named ``<name>_<equipment>.md`` with the name run together
(``benchpressclosegrip_barbell.md``), while the description names the exercise as a person
writes it ("... with the Barbell Close Grip Bench Press, ..."). The title is the capitalised
phrase in the text whose words best spell out the file name; without one, the file name is
cut into words found in the text.
"""

import re
from dataclasses import dataclass

CONNECTORS = frozenset(
    {"a", "the", "of", "to", "on", "and", "with", "in", "de", "del", "la", "el", "con", "en", "y"}
)
_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_SENTENCE_BREAK = re.compile(r"[.!?:;\n#>*|]")
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_NO_EQUIPMENT = frozenset({"", "bodyweight", "none"})


def letters(text: str) -> str:
    return "".join(char for char in text.lower() if char.isalpha() and char.isascii())


@dataclass(frozen=True)
class _Candidate:
    words: tuple[str, ...]
    position: int
    opens_sentence: bool


def _candidates(text: str, offset: int) -> list[_Candidate]:
    """Runs of capitalised words, with lowercase connectors allowed inside a run."""
    runs: list[_Candidate] = []
    run: list[str] = []
    run_start = 0
    opens_sentence = False

    def close() -> None:
        while run and not run[-1][0].isupper():
            run.pop()
        if run:
            runs.append(_Candidate(tuple(run), offset + run_start, opens_sentence))
        run.clear()

    previous_end = 0
    for match in _WORD.finditer(text):
        gap = text[previous_end : match.start()]
        previous_end = match.end()
        word = match.group()
        if gap.strip():
            close()
        if word[0].isupper():
            if not run:
                run_start = match.start()
                opens_sentence = match.start() == 0 or bool(_SENTENCE_BREAK.search(gap))
            run.append(word)
        elif run and word.lower() in CONNECTORS:
            run.append(word)
        else:
            close()
    close()
    return runs


def _phrase_words(candidate: _Candidate, stem: str, equipment: str) -> list[str]:
    """The candidate's words without a sentence's capitalised opening verb ("Use the ...")."""
    words = list(candidate.words)
    opener = letters(words[0])
    if candidate.opens_sentence and opener not in stem and opener != equipment:
        words.pop(0)
        while words and not words[0][0].isupper():
            words.pop(0)
    return words


def _coverage(stem: str, words: list[str]) -> int:
    """How many letters of ``stem`` can be spelt by the words, in any order."""
    vocabulary = set(words) | {word[:-1] for word in words if word.endswith("s") and len(word) > 3}
    vocabulary.discard("")
    best = [0] * (len(stem) + 1)
    for index in range(len(stem)):
        best[index + 1] = max(best[index + 1], best[index])
        for word in vocabulary:
            if stem.startswith(word, index):
                end = index + len(word)
                best[end] = max(best[end], best[index] + len(word))
    return best[len(stem)]


def _segment(stem: str, vocabulary: set[str]) -> list[str] | None:
    """The stem cut into the fewest words of the vocabulary, or None if it cannot be."""
    fewest: list[list[str] | None] = [None] * (len(stem) + 1)
    fewest[0] = []
    for index in range(len(stem)):
        start = fewest[index]
        if start is None:
            continue
        for end in range(index + 1, len(stem) + 1):
            piece = stem[index:end]
            reached = fewest[end]
            if piece in vocabulary and (reached is None or len(start) + 1 < len(reached)):
                fewest[end] = [*start, piece]
    return fewest[len(stem)]


def title_case(words: list[str]) -> str:
    return " ".join(
        word if index and word in CONNECTORS else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def _best_phrase(stem: str, equipment: str, texts: list[str]) -> tuple[str, float] | None:
    best: tuple[tuple[int, int, int], str, float] | None = None
    offset = 0
    for text in texts:
        for candidate in _candidates(text, offset):
            phrase = _phrase_words(candidate, stem, equipment)
            words = [letters(word) for word in phrase]
            covered = _coverage(stem, words)
            if not covered:
                continue
            extras = sum(
                1
                for word in words
                if word and word not in CONNECTORS and word not in stem and word != equipment
            )
            rank = (-covered, extras, candidate.position)
            if best is None or rank < best[0]:
                best = (rank, " ".join(phrase), covered / len(stem))
        offset += len(text) + 1
    return (best[1], best[2]) if best else None


def title_from_content(*, stem: str, equipment: str, description: str, body: str) -> str:
    """The exercise's name for a file without a title (never empty)."""
    name_words = [letters(part) for part in re.split(r"[-_\s]+", stem) if letters(part)]
    run_together = "".join(name_words)
    equipment = letters(equipment)
    if run_together:
        phrase = _best_phrase(run_together, equipment, [description, body])
        if phrase and phrase[1] >= 1:
            return phrase[0]
        prefix = [] if equipment in _NO_EQUIPMENT else [equipment]
        if len(name_words) > 1:
            return title_case(prefix + name_words)
        vocabulary = {letters(word) for word in _WORD.findall(f"{description}\n{body}")}
        vocabulary |= CONNECTORS
        if segmented := _segment(run_together, {word for word in vocabulary if len(word) > 1}):
            return title_case(prefix + segmented)
        if phrase and phrase[1] >= 0.5:
            return phrase[0]
    if heading := _H1.search(body):
        return heading.group(1).strip()
    humanised = stem.replace("_", " ").replace("-", " ").strip()
    return humanised[:1].upper() + humanised[1:] if humanised else "Untitled exercise"
