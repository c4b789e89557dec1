"""The exercise file format, both ways: markdown files in, markdown files out.

The front-matter keys and what they mean are declared once, in ``fields.FIELDS``; the parser,
the writer, the exporter and the error messages all read that table. Commands import from
here only.
"""

from exercises.fileformat.characters import escape_controls
from exercises.fileformat.discovery import SourceFile, discover_sources
from exercises.fileformat.exporting import export_exercises
from exercises.fileformat.outcomes import Outcome
from exercises.fileformat.reading import DEFAULT_MAX_BYTES
from exercises.fileformat.run import FileResult, ImportSummary, import_sources

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FileResult",
    "ImportSummary",
    "Outcome",
    "SourceFile",
    "discover_sources",
    "escape_controls",
    "export_exercises",
    "import_sources",
]
