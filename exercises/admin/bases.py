"""Bases for the admin mixins: the admin classes they extend while type checking, ``object``
at run time, so a mixin can call ``super()`` and the admin's API with its types known."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib import admin
    from django.forms import BaseInlineFormSet

    from exercises.models import Exercise

    ExerciseAdminBase = admin.ModelAdmin[Exercise]
    InlineAdminBase = admin.options.InlineModelAdmin[Any, Any]
    InlineFormSetBase = BaseInlineFormSet[Any, Any, Any]
else:
    ExerciseAdminBase = InlineAdminBase = InlineFormSetBase = object
