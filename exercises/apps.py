from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exercises"
    verbose_name = _("Exercise library")

    def ready(self):
        from exercises import signals  # noqa: F401  (reports every write to the pipeline)

        post_migrate.connect(index_after_migrate, sender=self)


def index_after_migrate(sender, apps=None, **kwargs):
    """Fill the search index for exercises it lacks (a site migrated to a search index)."""
    from exercises.search import index_unindexed_exercises

    if apps is not None:  # migrate passes the migrated state; flush does not
        migrated = apps.get_model("exercises", "Exercise")
        if "search_vector" not in {field.name for field in migrated._meta.fields}:
            return  # migrated back to before the search index existed

    index_unindexed_exercises()
