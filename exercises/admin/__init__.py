"""The admin of the exercise library, one module per editor; importing them registers them."""

from exercises.admin import exercise, taxonomy  # noqa: F401
