"""A realistic workout corpus in the source site's shapes, written from scratch, deterministic.

    .venv/bin/python benchmarks/workout_corpus.py /tmp/workouts   # ~330 files, 150+ workouts

What the real site holds, at its scale, with text of our own: a JSON catalogue (categories
in five known groups and two the model has no place for, named in English and Spanish;
entries with ``title_es``/``description_es``, Spanish difficulty words on some, ``none`` as
equipment, a third with exercises and videos), an English and a Spanish page per entry joined
by ``workout_id`` (prose sections with minutes in their headings), and programs in both
languages in the three layouts (bold names on their own line, numbered lists, bullets with
reps and ``*Rest*`` lines) under ``workouts/programs`` and ``entrenamientos/programas``.
Item names are mostly the exercises of ``real_shape_corpus`` and ``fixtures/`` in either
language, some in the other language, some unknown anywhere. Two program files slug the
same. ``malformed/`` (only with ``malformed=True``) holds one bad file per problem.
"""

import json
import random
import sys
from pathlib import Path

# (English, Spanish) names exercises carry in real_shape_corpus.py and fixtures/.
KNOWN_MOVES = (
    ("Chest Lift", "Elevación de pecho"),
    ("Heel Taps", "Toques de talón"),
    ("Swimming Prep", "Preparación de natación"),
    ("Side Leg Lift", "Elevación lateral de pierna"),
    ("Spine Twist", "Giro de columna"),
    ("Bird Dog Reach", "Alcance de perro de caza"),
    ("Pelvic Curl", "Enrollamiento pélvico"),
    ("Scissor Legs", "Tijeras de piernas"),
    ("Plank Walkout", "Plancha caminando"),
    ("Clam Opening", "Apertura de almeja"),
    ("Cat Stretch", "Estiramiento de gato"),
    ("Ball Pike", "Pica sobre pelota"),
    ("Ball Pass", "Pase de pelota"),
    ("Band Row", "Remo con banda"),
    ("Band Side Step", "Paso lateral con banda"),
    ("Ring Bridge", "Puente con aro"),
    ("The Hundred", "El Cien"),
    ("Saw", "La Sierra"),
    ("Swan Dive", "Zambullida del Cisne"),
)
# Names no exercise has, in either language: the report lists them.
UNKNOWN_MOVES = (
    ("Wall Angels", "Ángeles en la pared"),
    ("Marching Bridge Hold", "Puente con marcha sostenido"),
    ("Ankle Alphabet", "Alfabeto con el tobillo"),
    ("Toe Taps to Sky", "Toques de punta al cielo"),
)
_GROUPS = {
    "time": (
        "Time",
        "Tiempo",
        [
            ("5min", "5 min", "5 min"),
            ("10min", "10 min", "10 min"),
            ("20min", "20 min", "20 min"),
            ("30min", "30 min", "30 min"),
        ],
    ),
    "body-focus": (
        "Body focus",
        "Zona",
        [
            ("core", "Core", "Centro"),
            ("legs", "Legs", "Piernas"),
            ("back", "Back", "Espalda"),
            ("full-body", "Whole body", "Cuerpo entero"),
        ],
    ),
    "environment": (
        "Place",
        "Lugar",
        [("home", "Home", "Casa"), ("desk", "Desk", "Escritorio"), ("park", "Park", "Parque")],
    ),
    "goal": (
        "Goal",
        "Meta",
        [
            ("strength", "Strength", "Fuerza"),
            ("ease", "Ease", "Soltura"),
            ("balance", "Balance", "Equilibrio"),
        ],
    ),
    "mood": (
        "Mood",
        "Ánimo",
        [
            ("bright", "Bright", "Con energía"),
            ("tense", "Tense", "Tensa"),
            ("low", "Low", "Decaída"),
        ],
    ),
    "life-stage": ("Life stage", "Etapa", [("new-parent", "New parent", "Madre reciente")]),
    "quirky": ("Just for fun", "Por diversión", [("rainy-day", "Rainy day", "Día de lluvia")]),
}
_FOCUS_WORDS = {
    "en": ["core", "glutes", "hamstrings", "upper back", "spine", "obliques"],
    "es": ["abdominales", "glúteos", "isquiotibiales", "espalda alta", "columna", "oblicuos"],
}
_EQUIPMENT_WORDS = {
    "mat": ("mat", ["colchoneta", "esterilla", "mat"]),
    "ball": ("ball", ["pelota", "balón suizo"]),
    "band": ("band", ["banda elástica", "bandas"]),
}
_DIFFICULTY = {
    "en": ["beginner", "intermediate", "advanced"],
    "es": ["principiante", "intermedio", "avanzado"],
}
_THEMES = (
    ("Wake-Up", "Despertar"),
    ("Core Reset", "Reinicio del Centro"),
    ("Desk Break", "Pausa de Oficina"),
    ("Leg Day", "Día de Piernas"),
    ("Back Care", "Cuidado de Espalda"),
    ("Balance Builder", "Constructor de Equilibrio"),
    ("Gentle Flow", "Flujo Suave"),
    ("Power Mat", "Esterilla Potente"),
)
_PROSE = {
    "en": (
        "Move at the pace of your breath and stop before anything pinches.",
        "Keep a glass of water close and the phone out of reach.",
        "Every move here can be made smaller; none should be made faster.",
    ),
    "es": (
        "Muévete al ritmo de tu respiración y para antes de que algo moleste.",
        "Ten un vaso de agua cerca y el teléfono lejos.",
        "Cada movimiento puede hacerse más pequeño; ninguno debe hacerse más rápido.",
    ),
}
_SECTION_TITLES = {
    "en": ("Warm-Up", "Main Workout", "Cool-Down", "Block", "minutes", "minute", "Rest", "sec"),
    "es": (
        "Calentamiento",
        "Entrenamiento Principal",
        "Enfriamiento",
        "Bloque",
        "minutos",
        "minuto",
        "Descanso",
        "seg",
    ),
}


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def _move(rng: random.Random, language: str) -> str:
    """A known name in the page's language mostly, sometimes the other's, sometimes unknown."""
    roll = rng.random()
    pool = UNKNOWN_MOVES if roll < 0.12 else KNOWN_MOVES
    en, es = rng.choice(pool)
    if roll > 0.9:  # written in the other language, as translators leave names
        return es if language == "en" else en
    return en if language == "en" else es


def _categories() -> dict[str, object]:
    return {
        key: {
            "id": key,
            "name": name,
            "name_es": name_es,
            "icon": "dot",
            "options": [{"id": i, "name": n, "name_es": s} for i, n, s in options],
        }
        for key, (name, name_es, options) in _GROUPS.items()
    }


def _entry(rng: random.Random, number: int) -> dict[str, object]:
    theme_en, theme_es = _THEMES[number % len(_THEMES)]
    minutes = rng.choice([5, 10, 20, 30])
    identifier = f"{minutes}min-{_slug(theme_en)}-{number}"
    entry: dict[str, object] = {
        "id": identifier,
        "title": f"{minutes}-Minute {theme_en} {number}",
        "title_es": f"{theme_es} de {minutes} Minutos {number}",
        "description": f"{theme_en} in {minutes} minutes: {_PROSE['en'][number % 3]}",
        "description_es": f"{theme_es} en {minutes} minutos: {_PROSE['es'][number % 3]}",
        "duration": minutes,
        "difficulty": rng.choice(_DIFFICULTY["en"] + _DIFFICULTY["es"][:1]),
        "equipment": rng.choice([["none"], ["mat"], ["mat", "ball"], ["band"]]),
        "categories": {
            "time": [f"{minutes}min"],
            "body-focus": rng.sample(["core", "legs", "back", "full-body"], 2),
            "mood": [rng.choice(["bright", "tense", "low"])],
        },
        "featured": number % 9 == 0,
        "calories": f"{minutes * 4}-{minutes * 6}",
    }
    if number % 5 == 0:
        entry["categories"]["quirky"] = ["rainy-day"]  # type: ignore[index]
    if number % 3 == 0:
        seconds = minutes * 60
        items = [
            {
                "name": _move(rng, "en"),
                "type": "warmup",
                "duration": 60,
                "instructions": ["Start slowly", "Breathe out on the effort"],
            }
        ]
        left = seconds - 120
        while left > 0:
            length = min(left, rng.choice([45, 60, 90]))
            items.append(
                {
                    "name": _move(rng, "en"),
                    "type": "exercise",
                    "duration": length,
                    "reps": f"{rng.randint(6, 12)} reps",
                    "instructions": ["Keep the ribs down"],
                }
            )
            left -= length
            if left > 200 and rng.random() < 0.3:
                items.append({"name": "Rest", "type": "rest", "duration": 20})
                left -= 20
        items.append({"name": _move(rng, "en"), "type": "cooldown", "duration": 60})
        entry["exercises"] = items
        entry["follow_along_video"] = {
            "id": f"Vid{number:08d}",
            "title": "Follow along",
            "channel": "Studio Notes",
        }
        entry["related_videos"] = [
            {"id": f"Rel{number:08d}", "title": "Technique notes", "channel": "Studio Notes"}
        ]
    if number % 7 == 0:
        entry["playlist"] = f"list-{number}"  # a key the importer does not know: kept
    return entry


def _premade_page(entry: dict[str, object], language: str) -> str:
    t = _SECTION_TITLES[language]
    minutes = int(entry["duration"])  # type: ignore[call-overload]
    warm, cool = 1, 1
    title = entry["title"] if language == "en" else entry["title_es"]
    key = f"premade-{entry['id']}"
    lines = [
        "---",
        f'title: "{title}"',
        f'translationKey: "{key}"',
        'layout: "premade-single"',
        f'workout_id: "{entry["id"]}"',
        "date: 2025-01-15",
        "---",
        "",
        f"## {'The Workout' if language == 'en' else 'El Entrenamiento'}",
        "",
        _PROSE[language][0],
        "",
        f"### {t[0]} ({warm} {t[5]})",
        "",
        f"- {_PROSE[language][1]}",
        "",
        f"### {t[1]} ({minutes - warm - cool} {t[4]})",
        "",
        _PROSE[language][2],
        "",
        f"### {t[2]} ({cool} {t[5]})",
        "",
        f"- {_PROSE[language][1]}",
        "",
    ]
    return "\n".join(lines)


def _item_line(rng: random.Random, layout: str, language: str, number: int) -> str:
    name = _move(rng, language)
    seconds = rng.choice([30, 45, 60, 90])
    unit = _SECTION_TITLES[language][7]
    time = f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} {unit}"
    if layout == "line":
        return (
            f"**{name} ({time})**\n- {_PROSE[language][number % 3]}\n- {rng.randint(5, 12)} reps\n"
        )
    if layout == "numbered":
        return f"{number}. **{name}** - {_PROSE[language][number % 3]} ({time})"
    return f"- **{name}** - {rng.randint(6, 15)} reps x {rng.randint(2, 3)}"


def _program(rng: random.Random, number: int, language: str, layout: str) -> tuple[str, str]:
    theme_en, theme_es = _THEMES[number % len(_THEMES)]
    t = _SECTION_TITLES[language]
    theme = theme_en if language == "en" else theme_es
    title = f"{theme} Program {number}" if language == "en" else f"Programa {theme} {number}"
    minutes = rng.choice([10, 15, 20, 25])
    equipment = rng.choice(list(_EQUIPMENT_WORDS))
    canonical, spanish = _EQUIPMENT_WORDS[equipment]
    equipment_word = canonical if language == "en" else rng.choice(spanish)
    difficulty = _DIFFICULTY[language][number % 3]
    focus = rng.sample(_FOCUS_WORDS[language], 2)
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "{_PROSE[language][number % 3]}"',
        f'translationKey: "program-{number}"',
        f"duration: {minutes}",
        f'difficulty: "{difficulty}"',
        f'equipment: ["{equipment_word}"]',
        f"{'focus' if number % 2 else 'muscles'}: {json.dumps(focus, ensure_ascii=False)}",
        f"calories: {minutes * 3}-{minutes * 5}",
        "---",
        "",
        f"## {title}",
        "",
        _PROSE[language][(number + 1) % 3],
        "",
        f"### {t[0]} (2 {t[4]})",
        "",
    ]
    lines += [_item_line(rng, layout, language, position) for position in (1, 2)]
    lines += ["", f"### {t[1]} ({minutes - 4} {t[4]})", ""]
    blocks = 2 if layout == "bullets" else 1
    for block in range(1, blocks + 1):
        if layout == "bullets":
            lines += [f"#### {t[3]} {block}: {theme}", ""]
        lines += [_item_line(rng, layout, language, position) for position in range(1, 5)]
        if layout == "bullets" or number % 4 == 0:
            lines += ["", f"*{t[6]} 30 {t[7]}*", ""]
    lines += ["", f"### {t[2]} (2 {t[4]})", ""]
    lines += [_item_line(rng, layout, language, position) for position in (1, 2)]
    lines += [
        "",
        "## Tips" if language == "en" else "## Consejos",
        "",
        f"- {_PROSE[language][1]}",
        "",
    ]
    return title, "\n".join(lines)


MALFORMED = {
    "broken-yaml.md": '---\ntitle: "Broken\nworkout_id: [\n---\nbody\n',
    "bad-duration.md": "---\ntitle: Bad\nduration: forever\n---\n### Warm-Up (2 min)\n- **Saw**\n",
    "unknown-entry.md": "---\ntitle: Orphan\nworkout_id: no-such-workout\n---\nbody\n",
    "escaping-id.md": '---\ntitle: Escape\nworkout_id: "../../etc/passwd"\n---\nbody\n',
    "not-utf8.md": "---\ntitle: caf\xe9\n---\n",  # written as latin-1 below
    # Two bad entries fail alone (one line each); the good one imports.
    "bad-catalogue.json": '{"workouts": [{"id": "ok-one", "title": "Fine"}, '
    '{"id": "Bad Id!", "title": "Bad"}, '
    '{"id": "long-time", "title": "Long", "duration": "forever"}]}',
    "nan.json": '{"workouts": [{"id": "nan-time", "title": "NaN", "duration": NaN}]}',
    "workouts-not-a-list.json": '{"workouts": {"id": "one"}}',
}


def corpus_files(*, entries: int = 120, programs: int = 36, seed: int = 17) -> dict[Path, bytes]:
    """The corpus as {relative path: bytes}, deterministic for a seed."""
    rng = random.Random(seed)
    files: dict[Path, bytes] = {}
    catalogue = {
        "categories": _categories(),
        "workouts": [_entry(rng, n) for n in range(1, entries + 1)],
    }
    files[Path("data/premade_workouts.json")] = json.dumps(
        catalogue, ensure_ascii=False, indent=2
    ).encode()
    for number, entry in enumerate(catalogue["workouts"], start=1):  # type: ignore[arg-type]
        if number % 10 == 0:
            continue  # a catalogue entry without pages
        files[Path(f"content/en/workouts/premade/{entry['id']}.md")] = _premade_page(
            entry, "en"
        ).encode()
        if number % 4:
            path = Path(f"content/es/entrenamientos/prefabricados/{entry['id']}.md")
            files[path] = _premade_page(entry, "es").encode()
    layouts = ("line", "numbered", "bullets")
    for number in range(1, programs + 1):
        layout = layouts[number % 3]
        for language, folder in (("en", "workouts/programs"), ("es", "entrenamientos/programas")):
            title, text = _program(rng, number, language, layout)
            stem = _slug(title)
            if number % 12 == 0 and language == "en":
                stem = title.replace(" ", "_")  # slugs as the title does: collides below
                files[Path(f"content/{language}/{folder}/{_slug(title)}.md")] = text.encode()
            files[Path(f"content/{language}/{folder}/{stem}.md")] = text.encode()
    for folder in ("content/en/workouts", "content/es/entrenamientos"):
        files[Path(folder) / "_index.md"] = b'---\ntitle: "Workouts"\n---\n'
    # Other data the site keeps beside the catalogue: not a catalogue, skipped.
    files[Path("data/testimonials.json")] = b'[{"name": "A reader", "quote": "Short and kind."}]'
    return files


def write_corpus(root: Path, *, malformed: bool = False, **options: int) -> int:
    """Write the corpus under ``root`` (and ``root/malformed``); returns the number of files."""
    files = corpus_files(**options)
    if malformed:
        for name, text in MALFORMED.items():
            encoding = "latin-1" if name == "not-utf8.md" else "utf-8"
            files[Path("malformed") / name] = text.encode(encoding)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(files)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "workout-corpus")
    sys.stdout.write(f"{write_corpus(target, malformed=True)} files written under {target}\n")
