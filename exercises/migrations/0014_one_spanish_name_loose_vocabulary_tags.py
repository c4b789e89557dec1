"""The vocabulary's new aliases reach existing rows: terms whose slug is now an alias merge
into their term, seed terms take the names that make one Spanish (and English) name per term
across categories and equipment (Mat is "Esterilla" in both), terms imports made for words
now known loosely merge into the term they name, and near-duplicate tags become one."""

from django.db import migrations

from exercises.vocabulary import (
    merge_loosely_known_terms,
    merge_near_duplicate_tags,
    rename_seed_terms,
    seed_vocabulary,
)


def converge(apps, schema_editor):
    seed_vocabulary(apps, schema_editor)
    rename_seed_terms(apps, schema_editor)
    merge_loosely_known_terms(apps, schema_editor)
    merge_near_duplicate_tags(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0013_teaching_order_and_restated_lists"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(converge, migrations.RunPython.noop, elidable=False),
    ]
