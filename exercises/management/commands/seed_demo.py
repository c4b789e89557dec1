import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from exercises.demo_content import generate_pairs, seed_demo_exercises
from exercises.services import analyze_exercise_tables


class Command(BaseCommand):
    help = (
        "Adds COUNT demo exercises of realistic shape (English/Spanish pairs with steps, "
        "modifications, FAQs, videos, tags and taxonomies, some drafts), the same for a "
        "given --seed. Meant for benchmarks and trying the site out."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="Exercises to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate the content but write nothing."
        )

    def handle(
        self, *args: Any, count: int, seed: int, dry_run: bool, verbosity: int, **options: Any
    ) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started, cpu_started = time.perf_counter(), time.process_time()
        if dry_run:
            written = sum(
                len([item for item in pair if item])
                for pair in generate_pairs(count=count, seed=seed)
            )
        else:
            written = seed_demo_exercises(count=count, seed=seed)
            analyze_exercise_tables(written=written)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        if verbosity >= 1:
            verb = "Would add" if dry_run else "Added"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {written} demo exercises (seed {seed}) in {elapsed:.1f} s "
                    f"({written / elapsed:,.0f} exercises/s; "
                    f"{written / max(cpu, 1e-6):,.0f} per CPU second in this process)."
                )
            )
