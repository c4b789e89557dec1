"""Time the body editor's preview view: python benchmarks/markdown_preview.py

The view the editor posts to on every pause in typing (exercises.admin.markdown_editor), with
the inputs of benchmarks/markdown_render.py: form parsing, the length check, rendering,
sanitising and the JSON answer, without the network, session and permission queries. Prints
one line per input: its length, the answer's status and size, and the best of three timings.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")

import django

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from benchmarks.markdown_render import INPUTS  # noqa: E402
from exercises.models import Exercise  # noqa: E402

OVER_THE_CAP = {"cap + 1 characters": "a" * (len(INPUTS["[ x cap"]) + 1)}


def main() -> None:
    view = admin.site._registry[Exercise].markdown_preview_view
    editor = User(username="bench", is_staff=True, is_superuser=True, is_active=True)
    factory = RequestFactory()
    for name, body in {**INPUTS, **OVER_THE_CAP}.items():
        timings = []
        for _ in range(3):
            request = factory.post("/admin/exercises/exercise/markdown-preview/", {"text": body})
            request.user = editor
            start = time.perf_counter()
            response = view(request)
            timings.append(time.perf_counter() - start)
        print(
            f"{name:20} {len(body):>7} chars -> {response.status_code} "
            f"{len(response.content):>8} bytes  {min(timings):.3f} s"
        )


if __name__ == "__main__":
    main()
