"""Time render_markdown() on hostile bodies at the size cap: python benchmarks/markdown_render.py

Prints one line per input: its length, the HTML length and the best of three timings.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")

import django

django.setup()

from exercises.models import MAX_BODY_LENGTH  # noqa: E402
from exercises.text.markdown import render_markdown  # noqa: E402

CAP = MAX_BODY_LENGTH
INPUTS = {
    "20,000 [": "[" * 20_000,
    "[ x cap": "[" * CAP,
    "[a]( x N": "[a](" * (CAP // 4),
    "footnote flood": "".join(f"[^{n}]\n\n[^{n}]: note {n}\n" for n in range(3_000))[:CAP],
    "footnote refs": "[^1]" * (CAP // 5) + "\n\n[^1]: x\n",
    "300 nested lists": "- " * 300 + "x",
    "300 indented lists": "".join("  " * level + "- x\n" for level in range(300)),
    "deep blockquote": ">" * (CAP - 2) + " x",
    "emphasis": "*a **" * (CAP // 5),
    "nested <div>": "<div>" * (CAP // 5),
    "ordinary prose": ("## Setup\n\nLie on the mat with **knees bent**.\n\n- one\n- two\n\n" * 700)[
        :CAP
    ],
}


def main() -> None:
    for name, body in INPUTS.items():
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            html = render_markdown(body)
            timings.append(time.perf_counter() - start)
        print(f"{name:18} {len(body):>7} chars -> {len(html):>8} chars HTML  {min(timings):.3f} s")


if __name__ == "__main__":
    main()
