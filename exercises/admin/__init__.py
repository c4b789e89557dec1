"""The admin of the exercise library, one module per editor; importing them registers them."""

from exercises.admin import exercise, old_address, taxonomy  # noqa: F401
