"""Real-shaped content reads right: the corpus generator's files (both shapes, both
languages) import into pages in teaching order, each instruction shown once, and every
Spanish taxonomy word on a term English pages use too."""

from io import StringIO

import pytest
from django.core.management import call_command

from benchmarks.real_shape_corpus import HEADINGS, write_corpus
from benchmarks.teaching_order import page_findings, spanish_only_facet_values
from exercises.models import Exercise
from exercises.report.findings import near_duplicate_tags
from exercises.text.prose import heading_family


@pytest.mark.parametrize(("heading", "family"), sorted(HEADINGS.items()))
def test_every_heading_of_the_corpus_belongs_to_its_family(heading, family):
    found = heading_family(heading)

    assert (found.name if found else None) == family


@pytest.mark.django_db
def test_corpus_pages_read_in_teaching_order_once_with_shared_terms(client, tmp_path):
    files = write_corpus(tmp_path, pairs=40, lifts=15, spanish_lifts=6)
    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    exercises = list(Exercise.objects.all())
    assert len(exercises) == files - 2  # the two _index.md section pages

    problems = {}
    for exercise in exercises:
        response = client.get(exercise.get_absolute_url())
        assert response.status_code == 200
        found = [name for name, bad in page_findings(response.content.decode()).items() if bad]
        if found:
            problems[exercise.get_absolute_url()] = found

    assert problems == {}
    assert spanish_only_facet_values() == []
    assert list(near_duplicate_tags()) == []
