"""Canonical terms with English and Spanish names, their aliases, and existing rows converted:
a term whose slug is another term's alias (Banda, Glúteos, quadriceps...) is merged into it,
its exercises moving with it."""

from django.db import migrations

from exercises.vocabulary import seed_vocabulary


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0005_term_names_and_aliases"),
    ]

    operations = [
        migrations.RunPython(seed_vocabulary, migrations.RunPython.noop, elidable=False),
    ]
