import pytest

from exercises.models import Exercise
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def test_published_queryset_excludes_drafts():
    visible = make_exercise(title="Visible")
    make_exercise(title="Hidden", status="draft")
    assert list(Exercise.objects.published()) == [visible]
