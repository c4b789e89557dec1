"""Source files to records: both shapes, both languages, and every kind of bad file.

No database: parsing is plain Python.
"""

from datetime import date

import pytest

from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.slugs import exercise_slug
from tests.importing.helpers import FILES, FIXTURES, parse, write


def test_first_seed_maps_every_front_matter_field():
    record = parse(FIXTURES / "en/mat/leg-kicks-back.md", FIXTURES)

    assert record.title == "Leg Kicks Back"
    assert record.slug == "leg-kicks-back"
    assert record.language == "en"
    assert record.translation_key == "exercise-leg-kicks-back"
    assert record.description.startswith("A side-lying exercise that kicks the leg backward")
    assert record.difficulty == "intermediate"
    assert record.duration == 60
    assert record.equipment == ["mat"]
    assert record.muscles == ["core", "hip flexors"]
    assert len(record.tags) == 4
    assert record.published_on == date(2024, 1, 15)
    assert record.last_modified_on == date(2024, 12, 17)
    assert record.author == "GirlPilates Team"
    assert record.image_source == "/images/exercises/leg-kicks-back.jpg"
    assert record.category == "mat"
    assert record.status == "published"
    assert [step.text for step in record.steps][0].startswith("Lie on side")
    assert len(record.steps) == 5
    assert [m.level for m in record.modifications] == ["easier", "easier", "harder"]
    assert record.modifications[0].name == "Smaller Range"
    assert len(record.faqs) == 3
    assert record.source_path == "en/mat/leg-kicks-back.md"


def test_first_seed_body_is_kept_verbatim():
    text = (FIXTURES / "en/mat/leg-kicks-back.md").read_text()

    record = parse(FIXTURES / "en/mat/leg-kicks-back.md", FIXTURES)

    assert text.endswith(record.body)
    assert "## Common Mistakes to Avoid" in record.body


def test_second_seed_gets_its_title_video_named_steps_and_equipment():
    record = parse(FIXTURES / "en/band/glutekickback_band.md", FIXTURES)

    assert record.title == "Band Glute Kickback"
    assert record.slug == "band-glute-kickback"
    assert [(video.provider, video.video_id) for video in record.videos] == [
        ("youtube", "O5-ROTyo2dA")
    ]
    assert [step.title for step in record.steps] == [
        "Set Up",
        "Brace Your Core",
        "Kick Back",
        "Squeeze at the Top",
    ]
    assert record.steps[1].text.startswith("Tighten your abdominal muscles")
    assert record.equipment == ["band"]
    # The howto part and the execution list it repeats live as steps only; the file is kept.
    assert "<!-- howto -->" not in record.body
    assert "Tighten your abdominal muscles" not in record.body
    assert "### Starting Position" in record.body
    assert "<!-- howto -->" in record.source_text


def test_spanish_file_takes_its_language_from_the_folder_and_spanish_values(tmp_path):
    path = write(
        tmp_path / "es/pelota/puente.md",
        '---\ntitle: "Puente"\ndifficulty: "principiante"\ntranslationKey: bridge\n---\n'
        "## Ejecución\n1. Levanta la cadera.\n2. Baja despacio.\n\n"
        "## Modificaciones\n- **Más fácil:** Menos altura.\n- **Más difícil**: Una pierna.\n",
    )

    record = parse(path, tmp_path)

    assert record.language == "es"
    assert record.difficulty == "beginner"
    # The word as the file gives it; the writer maps it onto the canonical term (ball).
    assert record.category == "pelota"
    assert [step.text for step in record.steps] == ["Levanta la cadera.", "Baja despacio."]
    assert [(m.level, m.description) for m in record.modifications] == [
        ("easier", "Menos altura."),
        ("harder", "Una pierna."),
    ]


def test_front_matter_language_wins_over_the_folder(tmp_path):
    path = write(tmp_path / "en/x.md", "---\ntitle: Cien\nlang: es\n---\n")

    assert parse(path, tmp_path).language == "es"


def test_language_defaults_to_english(tmp_path):
    assert parse(write(tmp_path / "x.md", "---\ntitle: X\n---\n")).language == "en"


def test_body_faq_sections_in_both_forms(tmp_path):
    path = write(
        tmp_path / "faq.md",
        "---\ntitle: Saw\n---\n## FAQ\n### Where should I feel it?\nIn the waist.\n\n"
        "### Can I bend my knees?\nYes, a little.\n\n## Preguntas frecuentes\n",
    )
    spanish = write(
        tmp_path / "preguntas.md",
        "---\ntitle: Sierra\n---\n## Preguntas frecuentes\n**Q:** ¿Dónde lo siento?\n"
        "**A:** En la cintura.\n\n**Q:** ¿Puedo doblar las rodillas?\n**A:** Sí.\n",
    )

    assert [(f.question, f.answer) for f in parse(path).faqs] == [
        ("Where should I feel it?", "In the waist."),
        ("Can I bend my knees?", "Yes, a little."),
    ]
    assert [f.answer for f in parse(spanish).faqs] == ["En la cintura.", "Sí."]


@pytest.mark.parametrize(
    "heading", ["## Execution", "### Execution:", "#### Steps", "**Execution:**"]
)
def test_execution_steps_under_any_heading_style_with_labels_as_titles(tmp_path, heading):
    path = write(
        tmp_path / "row_cable.md",
        f'---\ndescription: "Pull with the Cable Row."\n---\n{heading}\n'
        "1. **Grip:** Hold the handle.\n2. **Pull**: Row to the ribs.\n"
        "   Keep the chest up.\n\n## Tips\n- Breathe.\n",
    )

    record = parse(path)

    assert [(s.title, s.text) for s in record.steps] == [
        ("Grip", "Hold the handle."),
        ("Pull", "Row to the ribs. Keep the chest up."),
    ]
    assert record.title == "Cable Row"
    assert record.equipment == ["cable"]


def test_front_matter_steps_may_be_mappings_with_titles(tmp_path):
    path = write(
        tmp_path / "x.md",
        "---\ntitle: X\nsteps:\n  - Lie down.\n  - title: Lift\n    text: Lift the legs.\n---\n",
    )

    assert [(s.title, s.text) for s in parse(path).steps] == [
        ("", "Lie down."),
        ("Lift", "Lift the legs."),
    ]


def test_videos_from_urls_ids_and_mappings(tmp_path):
    path = write(
        tmp_path / "x.md",
        "---\ntitle: X\nvideo: https://youtu.be/O5-ROTyo2dA?t=30\n"
        "videos:\n  - https://www.youtube.com/watch?v=9ZCoAbI7uX0\n"
        "  - {id: vEUyEOVn3yM, title: Demo, channel: Studio, start: '1:05'}\n"
        "  - https://vimeo.com/12345\n---\n",
    )

    videos = parse(path).videos

    assert [(v.provider, v.video_id, v.start) for v in videos[:3]] == [
        ("youtube", "O5-ROTyo2dA", 30),
        ("youtube", "9ZCoAbI7uX0", None),
        ("youtube", "vEUyEOVn3yM", 65),
    ]
    assert (videos[2].title, videos[2].channel) == ("Demo", "Studio")
    assert (videos[3].provider, videos[3].url) == ("url", "https://vimeo.com/12345")


def test_a_videos_upload_date_and_duration_are_read_from_its_mapping(tmp_path):
    path = write(
        tmp_path / "x.md",
        "---\ntitle: X\nvideos:\n"
        "  - {id: vEUyEOVn3yM, upload_date: 2021-04-05, duration: '2:10'}\n"
        "  - {id: 9ZCoAbI7uX0, uploadDate: '2020-01-02T10:00:00Z'}\n---\n",
    )

    videos = parse(path).videos

    assert [(v.upload_date, v.duration) for v in videos] == [
        (date(2021, 4, 5), 130),
        (date(2020, 1, 2), None),
    ]


def test_unknown_keys_are_kept_as_extra_front_matter(tmp_path):
    path = write(
        tmp_path / "x.md",
        "---\ntitle: X\nweight: 3\naliases: [/old/x/]\npublishDate: 2024-02-01\n---\n",
    )

    record = parse(path)

    assert record.extra_front_matter == {"weight": 3, "publishDate": "2024-02-01"}
    assert record.alias_addresses == ["/old/x/"]  # a key of the table now


def test_draft_flag_makes_a_draft(tmp_path):
    assert parse(write(tmp_path / "x.md", "---\ntitle: X\ndraft: true\n---\n")).status == "draft"


def test_bom_and_windows_line_endings_are_fine():
    record = parse(FILES / "bom-crlf.md")

    assert record.title == "Mermaid Stretch"
    assert record.difficulty == "beginner"
    assert record.duration == 90
    assert [step.text for step in record.steps] == ["Sit on one hip.", "Reach over."]
    assert "\r" not in record.body


def test_section_pages_and_files_without_front_matter_are_skipped(tmp_path):
    with pytest.raises(NotAnExercise):
        parse(write(tmp_path / "_index.md", "---\ntitle: Library\n---\n"))
    with pytest.raises(NotAnExercise):
        parse(write(tmp_path / "README.md", "# Notes\n"))


@pytest.mark.parametrize(
    ("name", "problem", "where"),
    [
        ("broken-yaml.md", "broken YAML", "line 4"),
        ("not-utf8.md", "not UTF-8", "line 2"),
        ("binary.md", "binary", "line 6"),
        ("empty.md", "empty", "line 1"),
        ("unknown-difficulty.md", "unknown difficulty 'ninja'", "difficulty, line 3"),
        ("invalid-video.md", "not a YouTube video id", "video_id, line 3"),
        ("steps-number.md", "steps must be a list", "steps, line 3"),
        ("duration-words.md", "cannot read 'abc' as a duration", "duration, line 3"),
        ("muscles-mapping.md", "muscles must be a list of names", "muscles, line 3"),
        ("image-escape.md", "leads outside the import folder", "image, line 3"),
        ("unclosed-front-matter.md", "never closed", "line 1"),
    ],
)
def test_bad_files_say_what_is_wrong_and_where(bad_files, name, problem, where):
    with pytest.raises(ImportFileError) as error:
        parse(bad_files / name, bad_files)

    assert problem in error.value.problem
    assert error.value.where == where


def test_files_over_the_size_limit_are_refused_before_reading():
    with pytest.raises(ImportFileError) as error:
        parse(FIXTURES / "en/mat/leg-kicks-back.md", max_bytes=100)

    assert "over the limit of 100" in str(error.value)


def test_slug_prefers_front_matter_then_a_clean_file_name_then_the_title():
    assert exercise_slug(front_matter_slug="Roll Up", file_stem="x", title="Y") == "roll-up"
    assert exercise_slug(front_matter_slug="", file_stem="roll-up", title="Y") == "roll-up"
    assert exercise_slug(front_matter_slug="", file_stem="Roll_Up", title="The Roll Up") == (
        "the-roll-up"
    )
