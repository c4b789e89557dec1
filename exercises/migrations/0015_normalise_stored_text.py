"""Stored text in the form every entry point now writes (exercises.text.normalise): Unix line
endings, no trailing spaces, composed accents. Without it, the first admin save of an
imported or older exercise would record its body as changed though nobody touched it.

The stored HTML is left as it is: markdown renders text that differs only in these ways
to the same HTML.
"""

from django.db import migrations

from exercises.text.normalise import normalise_text, normalised_text_fields

MODELS = ["Exercise", "Step", "Modification", "FAQ", "VideoReference"]
BATCH = 500


def normalise_stored_text(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("exercises", model_name)
        fields = normalised_text_fields(model)
        if not fields:
            continue
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=BATCH):
            before = [getattr(row, name) for name in fields]
            for name, value in zip(fields, before, strict=True):
                setattr(row, name, normalise_text(value))
            if [getattr(row, name) for name in fields] != before:
                changed.append(row)
            if len(changed) >= BATCH:
                model.objects.bulk_update(changed, fields)
                changed = []
        model.objects.bulk_update(changed, fields)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0014_one_spanish_name_loose_vocabulary_tags")]

    operations = [migrations.RunPython(normalise_stored_text, migrations.RunPython.noop)]
