"""A base for the Atom feed of a content type: its newest published rows in the page's
language, dated by publication and last change."""

from datetime import date, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class ContentFeed(Feed):
    """Subclasses give ``title``, ``subtitle``, ``link``, ``feed_url`` and ``items``; rows
    have the publishable and timestamp mixins' fields, a title and a description."""

    feed_type = Atom1Feed

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.description

    def item_link(self, item: Any) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Any) -> datetime:
        return as_datetime(item.published_on) or item.created_at

    def item_updateddate(self, item: Any) -> datetime:
        return as_datetime(item.last_modified_on) or item.updated_at


def as_datetime(day: date | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())
