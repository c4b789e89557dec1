"""Stored bodies lose the lists that restate their exercise's steps, and every body's HTML is
rendered again in teaching order (setup, steps, breathing, tips, mistakes, benefits, safety).
"""

from django.db import migrations

from exercises.fileformat.records import StepRecord
from exercises.fileformat.sections import read_body
from exercises.text.markdown import render_markdown
from exercises.text.prose import ProsePart, prose_parts

_FIELDS = ["body", "body_html", "setup_html", "guidance_html"]


def reorder_and_drop_restated_lists(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    batch = []
    rows = Exercise.objects.only("pk", "body").prefetch_related("steps")
    for exercise in rows.iterator(chunk_size=500):
        steps = [StepRecord(title=step.title, text=step.text) for step in exercise.steps.all()]
        body = read_body(
            exercise.body,
            steps_given=True,
            modifications_given=True,
            faqs_given=True,
            given_steps=steps,
        ).prose
        parts = prose_parts(body)
        exercise.body = body
        exercise.body_html = render_markdown(parts[ProsePart.ABOUT])
        exercise.setup_html = render_markdown(parts[ProsePart.SETUP])
        exercise.guidance_html = render_markdown(parts[ProsePart.GUIDANCE])
        batch.append(exercise)
        if len(batch) == 500:
            Exercise.objects.bulk_update(batch, _FIELDS)
            batch = []
    Exercise.objects.bulk_update(batch, _FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0012_old_addresses"),
    ]

    operations = [
        migrations.RunPython(
            reorder_and_drop_restated_lists, migrations.RunPython.noop, elidable=False
        ),
    ]
