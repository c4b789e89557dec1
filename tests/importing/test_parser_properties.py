"""Whatever bytes a file holds, parsing gives a record or the importer's own error, nothing else."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.parser import parse_source
from exercises.fileformat.records import ExerciseRecord
from tests.importing.helpers import FIXTURES

VALID_FILES = [
    path.read_bytes() for path in sorted(FIXTURES.rglob("*.md")) if path.name != "_index.md"
]
# Characters YAML gives meaning to, so random text reaches the parser's corners more often.
YAML_ALPHABET = st.sampled_from(list("-?:,[]{}#&*!|>'\"%@` \n\t\\0.xy19eE+") + ["\x00", "\u2028"])


def outcome_of(content: bytes) -> ExerciseRecord | ImportFileError | NotAnExercise:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "exercise.md")
        path.write_bytes(content)
        try:
            return parse_source(
                SourceFile(path=path, root=Path(folder)), max_bytes=2_000_000, media_dir=None
            )
        except (ImportFileError, NotAnExercise) as expected:
            return expected


@st.composite
def mutated_valid_files(draw: st.DrawFn) -> bytes:
    content = bytearray(draw(st.sampled_from(VALID_FILES)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(content)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        piece = draw(st.binary(min_size=1, max_size=4) | YAML_ALPHABET.map(str.encode))
        if action == "insert":
            content[position:position] = piece
        elif action == "delete":
            del content[position : position + len(piece)]
        elif action == "replace":
            content[position : position + len(piece)] = piece
        else:
            content[position:position] = piece * draw(st.integers(10, 3_000))
    return bytes(content)


@st.composite
def deep_or_huge_yaml(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(1, 5_000))
    shape = draw(st.sampled_from(["flow", "mapping", "block", "compact", "aliases", "wide"]))
    if shape == "flow":
        value = "[" * depth + "]" * draw(st.integers(0, depth))
    elif shape == "mapping":
        value = "{a: " * depth + "}" * depth
    elif shape == "block":
        value = "\n" + "".join(" " * level + "- a:\n" for level in range(min(depth, 2_000)))
    elif shape == "compact":
        value = "\n" + "- " * depth + "x"
    elif shape == "aliases":
        value = "&a [" + ", ".join(["*a"] * depth) + "]"
    else:
        value = "[" + ", ".join(["1e400", ".inf", ".nan", "9" * 400] * depth) + "]"
    key = draw(st.sampled_from(["x", "steps", "duration", "muscles", "videos", "faq"]))
    return f"---\ntitle: Deep\n{key}: {value}\n---\nBody.\n".encode()


SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.binary(max_size=3_000))
def test_random_bytes(content):
    outcome_of(content)
    outcome_of(b"---\n" + content)


@SETTINGS
@given(st.text(YAML_ALPHABET | st.characters(), max_size=2_000), st.text(max_size=500))
def test_random_front_matter_text(front_matter, body):
    outcome_of(f"---\n{front_matter}\n---\n{body}".encode("utf-8", "surrogatepass"))


@SETTINGS
@given(mutated_valid_files())
def test_mutated_copies_of_valid_files(content):
    outcome_of(content)


@SETTINGS
@given(deep_or_huge_yaml())
def test_deep_or_huge_yaml(content):
    outcome = outcome_of(content)
    assert not isinstance(outcome, ExerciseRecord) or len(content) < 300_000


def test_the_valid_files_parse_to_records():
    # Guards the properties above: their seeds are files that parse.
    assert all(isinstance(outcome_of(content), ExerciseRecord) for content in VALID_FILES)
