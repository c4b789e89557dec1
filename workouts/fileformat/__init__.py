"""The workout file formats, both ways, with no database involved: the catalogue (JSON),
premade pages joined to it by ``workout_id``, and programs in their three layouts
(``catalogue``, ``pages``, ``program``), read into ``records``; ``writing`` puts them back."""
