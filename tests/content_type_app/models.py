import html

from publishing.models import (
    ContentQuerySet,
    ImportedSourceMixin,
    Indexed,
    PublicAddressMixin,
    PublishableMixin,
    RenderedBodyMixin,
    SearchField,
    TimestampedMixin,
    TranslatableMixin,
    publishable_constraints,
    schedule_indexes,
    translatable_constraints,
)


class ArticleQuerySet(ContentQuerySet["Article"]):
    pass


class Article(
    PublicAddressMixin,
    PublishableMixin,
    TranslatableMixin,
    RenderedBodyMixin,
    ImportedSourceMixin,
    TimestampedMixin,
    Indexed,
):
    objects = ArticleQuerySet.as_manager()

    search_fields = (SearchField("title", "A"), SearchField("description", "B"))

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            *publishable_constraints("article"),
            *translatable_constraints("article", one_primary_message="One per language."),
        ]
        indexes = schedule_indexes("article")

    def get_absolute_url(self) -> str:
        prefix = "" if self.language == "en" else f"/{self.language}"
        return f"{prefix}/articles/{self.slug}/"

    def render_body(self) -> None:
        self.body_html = f"<p>{html.escape(self.body)}</p>" if self.body else ""
