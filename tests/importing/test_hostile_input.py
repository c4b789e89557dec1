"""Hostile files: each ends as one named error line, and the good files around it import."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercises.fileformat.converters import seconds_value
from exercises.fileformat.errors import ImportFileError
from exercises.limits import MAX_SECONDS, MAX_STEPS
from exercises.models import Exercise
from tests.importing.helpers import parse, write

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def good(title: str) -> str:
    return f"---\ntitle: {title}\nduration: 60\nsteps:\n  - Lie down.\n---\nBody.\n"


def deep_block(levels: int) -> str:
    return "---\ntitle: Deep\nx:\n" + "".join(" " * i + "-\n" for i in range(levels)) + "---\n"


def many_steps(count: int) -> str:
    steps = "".join(f"  - Step {number}.\n" for number in range(count))
    return f"---\ntitle: Many\nsteps:\n{steps}---\n"


# name: (file content, a word the error line must contain)
HOSTILE_FILES = {
    "recursive-alias": ("---\ntitle: A\nx: &x [*x]\n---\n", "contains itself"),
    "recursive-alias-mapping": ("---\ntitle: A\nx: &x {a: *x}\n---\n", "contains itself"),
    "alias-bomb": (
        "---\ntitle: A\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n"
            for n in range(8)
        )
        + "---\n",
        "expanded",
    ),
    "too-many-aliases": (
        "---\ntitle: A\na: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n---\n",
        "aliases",
    ),
    "flow-nesting-1000": ("---\ntitle: A\nx: " + "[" * 1000 + "]" * 1000 + "\n---\n", "nests"),
    "block-nesting-700": (deep_block(700), "nests"),
    "compact-nesting-1000": ("---\ntitle: A\nx:\n" + "- " * 1000 + "a\n---\n", "nests"),
    "duration-inf": ("---\ntitle: A\nduration: .inf\n---\n", "duration"),
    "duration-nan": ("---\ntitle: A\nduration: .nan\n---\n", "duration"),
    "duration-400-digits": ("---\ntitle: A\nduration: " + "9" * 400 + "\n---\n", "duration"),
    "duration-text-400-digits": (
        "---\ntitle: A\nduration: '" + "9" * 400 + "s'\n---\n",
        "duration",
    ),
    "duration-5000-digits": ("---\ntitle: A\nduration: " + "9" * 5000 + "\n---\n", "front matter"),
    "video-start-inf": (
        "---\ntitle: A\nvideos:\n  - id: O5-ROTyo2dA\n    start: .inf\n---\n",
        "start",
    ),
    "nul-escape": ('---\ntitle: "Roll\\0Up"\n---\n', "U+0000"),
    "surrogate-escape": ('---\ntitle: "Roll\\ud800Up"\n---\n', "Unicode"),
    "escape-in-body": ("---\ntitle: A\n---\nBody \x1b[31m red.\n", "U+001B"),
    "nul-in-extra-key": ('---\ntitle: A\nweight: "\\0"\n---\n', "weight"),
    "too-many-steps": (many_steps(MAX_STEPS + 1), "steps"),
    "huge-front-matter": ("---\ntitle: A\nx: '" + "a" * 300_000 + "'\n---\n", "characters"),
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_a_hostile_file_between_two_good_ones_fails_alone_on_one_line(name, tmp_path, run_import):
    content, named = HOSTILE_FILES[name]
    write(tmp_path / "a-first.md", good("First"))
    write(tmp_path / f"m-{name}.md", content)
    write(tmp_path / "z-last.md", good("Last"))

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert sorted(Exercise.objects.values_list("title", flat=True)) == ["First", "Last"]
    errors = [line for line in result.error_lines if not line.startswith("CommandError")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(str(tmp_path / f"m-{name}.md") + ": ")
    assert named in errors[0]
    assert "Traceback" not in result.stderr
    assert "2 created" in result.stdout and "1 failed" in result.stdout


@pytest.mark.parametrize("name", ["nul-escape", "surrogate-escape", "escape-in-body"])
def test_a_dry_run_refuses_invalid_characters_as_the_real_run_does(name, tmp_path, run_import):
    content, _ = HOSTILE_FILES[name]
    write(tmp_path / "bad.md", content)

    dry = run_import(tmp_path, dry_run=True)
    real = run_import(tmp_path)

    assert dry.exit_code == real.exit_code == 1
    assert dry.error_lines[0] == real.error_lines[0]
    assert Exercise.objects.count() == 0


def test_a_named_pipe_is_refused_without_being_opened(tmp_path, run_import):
    write(tmp_path / "a.md", good("First"))
    os.mkfifo(tmp_path / "x.md")  # opening it for reading would block until a writer came
    write(tmp_path / "z.md", good("Last"))

    result = run_import(tmp_path)

    assert result.exit_code == 1
    errors = [line for line in result.error_lines if not line.startswith("CommandError")]
    assert errors == [f"{tmp_path / 'x.md'}: a named pipe, not a markdown file (file)"]
    assert Exercise.objects.count() == 2


def test_a_named_pipe_given_on_the_command_line_is_refused_too(tmp_path, run_import):
    os.mkfifo(tmp_path / "x.md")

    result = run_import(tmp_path / "x.md")

    assert result.exit_code == 1
    assert "a named pipe" in result.stderr


def test_a_markdown_link_that_leads_outside_the_folder_is_refused(tmp_path, run_import):
    outside = write(tmp_path / "outside/secret.md", good("Secret"))
    content = tmp_path / "content"
    write(content / "a.md", good("First"))
    (content / "m-link.md").symlink_to(outside)
    (content / "m-loop.md").symlink_to(content / "m-loop.md")
    write(content / "z.md", good("Last"))

    result = run_import(content)

    assert result.exit_code == 1
    assert sorted(Exercise.objects.values_list("title", flat=True)) == ["First", "Last"]
    errors = [line for line in result.error_lines if not line.startswith("CommandError")]
    assert errors[0] == (
        f"{content / 'm-link.md'}: the file is a link that leads outside the import folder (file)"
    )
    assert errors[1].startswith(f"{content / 'm-loop.md'}: cannot follow the file's link")
    assert len(errors) == 2


def test_a_link_inside_the_folder_is_followed(tmp_path, run_import):
    target = write(tmp_path / "real/roll-up.md", good("Roll Up"))
    (tmp_path / "alias.md").symlink_to(target)

    result = run_import(tmp_path)

    assert result.exit_code == 0, result.stderr
    assert Exercise.objects.get().title == "Roll Up"


def test_control_characters_in_file_names_cannot_forge_report_lines(tmp_path, run_import):
    write(
        tmp_path / "bad\nImport finished: 9 created.md", "---\ntitle: A\ndifficulty: ninja\n---\n"
    )
    write(tmp_path / "good\x1b[2K.md", good("Good"))

    result = run_import(tmp_path, verbosity=2)

    assert result.exit_code == 1
    errors = [line for line in result.error_lines if not line.startswith("CommandError")]
    assert errors == [
        f"{tmp_path}/bad\\nImport finished: 9 created.md: unknown difficulty 'ninja' "
        "(use beginner, intermediate, advanced) (difficulty, line 3)"
    ]
    assert f"created   {tmp_path}/good\\x1b[2K.md (en/good)" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stdout.count("Import finished") == 1


def test_the_c_parser_segfault_input_fails_one_file_in_a_separate_process(tmp_path):
    """libyaml's composer segfaults on 30,000 nested brackets: a regression must not kill pytest.

    The real command runs in a child process against a scratch SQLite database.
    """
    content = tmp_path / "content"
    write(content / "a.md", good("First"))
    write(content / "m-brackets.md", "---\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\n")
    write(content / "z.md", good("Last"))
    environment = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "pilates.settings_test",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, timeout=120)

    child = subprocess.run(
        [*manage, "import_exercises", str(content)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert child.returncode == 1, child.stderr  # -11 would be the segfault
    errors = [line for line in child.stderr.splitlines() if line.startswith(str(content))]
    assert errors == [
        f"{content / 'm-brackets.md'}: front matter nests lists or mappings more than 50 levels "
        "deep (line 2)"
    ]
    assert "Traceback" not in child.stderr
    assert "2 created" in child.stdout


@pytest.mark.parametrize(
    "value",
    [float("inf"), float("-inf"), float("nan"), 10**400, -1, MAX_SECONDS + 1, "1e999s", "٣٣٣٣٣٣"],
)
def test_durations_no_exercise_lasts_are_refused_with_the_field_name(value):
    with pytest.raises(ImportFileError) as raised:
        seconds_value(value, "duration")

    assert raised.value.where == "duration"


def test_an_unbalanced_bracket_in_text_is_not_taken_for_nesting(tmp_path):
    lines = "".join(f"  - 'Step [{number} of many'\n" for number in range(80))
    path = write(tmp_path / "brackets.md", f"---\ntitle: A\nsteps:\n{lines}---\n")

    record = parse(path)

    assert len(record.steps) == 80
