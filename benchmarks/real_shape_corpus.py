"""A realistic corpus in the two real source shapes, written from scratch, deterministic.

    .venv/bin/python benchmarks/real_shape_corpus.py /tmp/corpus   # writes ~1,050 files

What real collections hold, at their scale (see DESIGN.md, "Importing"), with text of our
own: Hugo pages in English and Spanish joined by ``translationKey`` (steps, modifications and
FAQs in front matter, or for about a fifth only as body sections), Spanish pages with Spanish
taxonomy words and enum values, near-duplicate keywords, video + howto files named
``<name>_<equipment>.md`` whose body restates the named steps after ``<!-- howto -->``,
headings in every style (``##``, ``###``, ``####``, ``**Label:**``) and in any order,
placeholder values many files share and file names that slugify to the same slug.

``HEADINGS`` lists every section heading the corpus writes with its teaching family, so a
test can check each against the page's ordering rules.
"""

import random
import sys
from dataclasses import dataclass
from pathlib import Path

# Every body heading the corpus writes, with the family a page puts it in (None: none).
HEADINGS: dict[str, str | None] = {}


def _heading(text: str, family: str | None) -> str:
    HEADINGS[text] = family
    return text


# Values many files share, as placeholders do in real collections.
PLACEHOLDER_VIDEO = "Zq9plAceHd0"
PLACEHOLDER_IMAGE = "/images/exercises/coming-soon.jpg"
SHARED_AUTHOR = "Studio Editorial Team"
SHARED_DATE = "2024-02-05"


@dataclass(frozen=True)
class Move:
    """One Pilates movement: English and Spanish name, its category and what it works."""

    en: str
    es: str
    category: str  # mat, ball, band, ring
    muscles: tuple[str, ...]


_MOVES = (
    Move("Chest Lift", "Elevación de pecho", "mat", ("abs", "core")),
    Move("Heel Taps", "Toques de talón", "mat", ("abs", "hip flexors")),
    Move("Swimming Prep", "Preparación de natación", "mat", ("lower back", "glutes")),
    Move("Side Leg Lift", "Elevación lateral de pierna", "mat", ("glutes", "obliques")),
    Move("Spine Twist", "Giro de columna", "mat", ("obliques", "spine")),
    Move("Bird Dog Reach", "Alcance de perro de caza", "mat", ("core", "lower back")),
    Move("Pelvic Curl", "Enrollamiento pélvico", "mat", ("glutes", "hamstrings")),
    Move("Scissor Legs", "Tijeras de piernas", "mat", ("abs", "hip flexors")),
    Move("Plank Walkout", "Plancha caminando", "mat", ("core", "shoulders")),
    Move("Clam Opening", "Apertura de almeja", "mat", ("glutes", "hips")),
    Move("Cat Stretch", "Estiramiento de gato", "mat", ("spine", "upper back")),
    Move("Leg Circle Drill", "Círculos de pierna", "mat", ("hip flexors", "quads")),
    Move("Ball Squeeze Curl", "Encogimiento apretando la pelota", "ball", ("abs", "inner thighs")),
    Move("Ball Wall Squat", "Sentadilla en pared con pelota", "ball", ("quads", "glutes")),
    Move("Ball Hamstring Roll", "Rodada de isquios con pelota", "ball", ("hamstrings", "glutes")),
    Move("Ball Pike", "Pica sobre pelota", "ball", ("abs", "shoulders")),
    Move("Ball Back Extension", "Extensión de espalda en pelota", "ball", ("lower back", "spine")),
    Move("Ball Pass", "Pase de pelota", "ball", ("abs", "core")),
    Move("Band Row", "Remo con banda", "band", ("upper back", "arms")),
    Move("Band Pull Apart", "Apertura con banda", "band", ("upper back", "shoulders")),
    Move("Band Side Step", "Paso lateral con banda", "band", ("glutes", "hips")),
    Move("Band Leg Press", "Prensa de pierna con banda", "band", ("quads", "glutes")),
    Move("Band Chest Opener", "Apertura de pecho con banda", "band", ("chest", "shoulders")),
    Move("Band Kickback", "Patada atrás con banda", "band", ("glutes", "hamstrings")),
    Move("Ring Inner Thigh Press", "Presión de aductores con aro", "ring", ("inner thighs",)),
    Move("Ring Chest Press", "Presión de pecho con aro", "ring", ("chest", "arms")),
    Move("Ring Side Squeeze", "Apretón lateral con aro", "ring", ("obliques", "arms")),
    Move("Ring Bridge", "Puente con aro", "ring", ("glutes", "inner thighs")),
    Move("Ring Overhead Press", "Presión sobre la cabeza con aro", "ring", ("shoulders", "arms")),
)

_VARIANTS = (
    ("", ""),
    ("Single-Leg", "a una pierna"),
    ("Pulsing", "con pulsos"),
    ("Slow", "lento"),
    ("Kneeling", "de rodillas"),
    ("Side-Lying", "de lado"),
    ("Standing", "de pie"),
    ("Seated", "sentado"),
    ("Tempo", "con tempo"),
    ("Supported", "asistido"),
    ("Advanced", "avanzado"),
    ("Crossed-Arm", "con brazos cruzados"),
    ("Wide", "abierto"),
    ("Narrow", "cerrado"),
)

# Category folders and the taxonomy words files use, per language: English files use the
# canonical words; Spanish files use any of the Spanish ones, as editors wrote them.
_CATEGORY_FOLDER = {
    "mat": ("mat", ("mat", "esterilla")),
    "ball": ("ball", ("pelota",)),
    "band": ("band", ("banda", "bandas")),
    "ring": ("ring", ("aro",)),
}
_EQUIPMENT_WORDS = {
    "mat": (("mat",), ("esterilla", "colchoneta", "Esterilla", "mat")),
    "ball": (("ball", "stability ball"), ("pelota", "pelota suiza", "fitball", "Pelota")),
    "band": (
        ("band", "resistance band"),
        ("banda", "banda de resistencia", "banda elástica", "bandas elásticas"),
    ),
    "ring": (("ring", "magic circle"), ("aro", "aro mágico", "círculo mágico")),
}
_MUSCLE_WORDS = {
    "abs": ("abdominales", "músculos abdominales", "abdomen"),
    "core": ("core", "centro", "núcleo"),
    "hip flexors": ("flexores de cadera", "flexores de la cadera"),
    "lower back": ("zona lumbar", "espalda baja", "lumbares"),
    "glutes": ("glúteos", "glúteo mayor", "Glúteos"),
    "obliques": ("oblicuos", "oblicuo"),
    "spine": ("columna", "columna vertebral"),
    "hamstrings": ("isquiotibiales", "isquios"),
    "shoulders": ("hombros", "deltoides"),
    "hips": ("caderas", "cadera"),
    "upper back": ("espalda alta", "parte alta de la espalda"),
    "quads": ("cuádriceps",),
    "inner thighs": ("aductores", "cara interna del muslo"),
    "arms": ("brazos",),
    "chest": ("pecho", "pectorales"),
}
_DIFFICULTY = {
    "beginner": ("principiante", "Principiante", "beginner"),
    "intermediate": ("intermedio", "intermedia", "intermediate"),
    "advanced": ("avanzado", "avanzada", "advanced"),
}
# Keywords with the near-duplicates real tag lists collect.
_KEYWORDS_EN = (
    "glute exercise",
    "glutes exercise",
    "core workout",
    "core workouts",
    "pilates for beginners",
    "beginner pilates",
    "home workout",
    "low impact",
    "low-impact",
)
_KEYWORDS_ES = (
    "ejercicio de glúteos",
    "ejercicio glúteos",
    "entrenamiento de core",
    "entrenamiento core",
    "pilates para principiantes",
    "pilates principiantes",
    "ejercicio en casa",
    "ejercicios en casa",
    "bajo impacto",
)

# Step sentences are put together from these parts, in parallel in both languages.
_STEP_PARTS_EN = (
    ("Settle into place and find a long, neutral spine", "before you start moving"),
    ("Breathe out and begin the {name} slowly", "keeping the ribs soft and heavy"),
    ("Reach through the working limb as far as control allows", "without letting the hips shift"),
    ("Hold the end position for two calm breaths", "while the shoulders stay wide"),
    ("Return along the same path with even pace", "and reset the pelvis before repeating"),
    ("Repeat eight to ten times", "then change sides if the move is one-sided"),
)
_STEP_PARTS_ES = (
    ("Colócate y busca una columna larga y neutra", "antes de empezar a moverte"),
    ("Suelta el aire y empieza el movimiento despacio", "con las costillas suaves y pesadas"),
    ("Alarga la extremidad que trabaja hasta donde haya control", "sin que la cadera se mueva"),
    ("Sostén la posición final dos respiraciones tranquilas", "con los hombros anchos"),
    ("Vuelve por el mismo camino a ritmo constante", "y recoloca la pelvis antes de repetir"),
    ("Repite de ocho a diez veces", "y cambia de lado si el ejercicio es de un lado"),
)

_PROSE_EN = {
    "intro": "The {name} is a small, precise exercise that rewards patience more than effort.",
    "benefits": "- **Control**: trains the deep muscles that steady the trunk\n"
    "- **Balance**: evens out left and right\n- **Posture**: reminds the spine how long it is",
    "mistakes": "1. **Rushing** - speed hides the weak spots\n"
    "2. **Holding the breath** - tension climbs into the neck\n"
    "3. **Gripping with the shoulders** - let them slide away from the ears",
    "tips": "- Picture the movement drawn slowly on a wall\n- Quality first, numbers later\n"
    "- Stop a set early when form fades",
    "breathing": "Breathe in to prepare and out as you do the hardest part of the {name}.",
    "safety": "Skip this exercise while recovering from a back or neck injury unless a "
    "professional has cleared it.",
    "setup": "Lay out your equipment and give yourself room to reach in every direction.",
    "story": "Teachers like the {name} because it shows at a glance who is moving from the "
    "centre and who is moving from the limbs.",
}
_PROSE_ES = {
    "intro": "«{name}» es un ejercicio pequeño y preciso que premia la paciencia más que el "
    "esfuerzo.",
    "benefits": "- **Control**: entrena los músculos profundos que estabilizan el tronco\n"
    "- **Equilibrio**: iguala el lado izquierdo y el derecho\n"
    "- **Postura**: recuerda a la columna lo larga que es",
    "mistakes": "1. **Ir con prisa** - la velocidad esconde los puntos débiles\n"
    "2. **Aguantar la respiración** - la tensión sube al cuello\n"
    "3. **Subir los hombros** - deja que se alejen de las orejas",
    "tips": "- Imagina el movimiento dibujado despacio en una pared\n"
    "- Primero la calidad, después el número\n- Para la serie cuando la técnica se pierda",
    "breathing": "Toma aire para preparar y suéltalo en la parte más difícil de «{name}».",
    "safety": "Evita este ejercicio si te recuperas de una lesión de espalda o cuello, salvo "
    "que un profesional lo autorice.",
    "setup": "Prepara tu material y deja espacio para alargarte en todas las direcciones.",
    "story": "Al profesorado le gusta «{name}» porque muestra enseguida quién se mueve desde "
    "el centro y quién desde las extremidades.",
}

# Sections of Hugo pages: key -> (English heading, Spanish heading, family).
_HUGO_SECTIONS = {
    "benefits": ("Benefits", "Beneficios", "benefits"),
    "mistakes": ("Common Mistakes to Avoid", "Errores Comunes a Evitar", "mistakes"),
    "tips": ("Tips for Success", "Consejos para el Éxito", "tips"),
    "breathing": ("Breathing Pattern", "Patrón de respiración", "breathing"),
    "safety": ("Safety Notes", "Notas de seguridad", "safety"),
    "setup": ("Setup", "Preparación", "setup"),
    "story": ("Why Teachers Love It", "Por qué gusta en clase", None),
}


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char)).lower()
    return "-".join("".join(char if char.isalnum() else " " for char in plain).split())


def _quoted(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def _steps(rng: random.Random, name: str, language: str) -> list[str]:
    parts = _STEP_PARTS_EN if language == "en" else _STEP_PARTS_ES
    count = rng.randint(3, len(parts))
    chosen = [parts[0], *rng.sample(parts[1:-1], count - 2), parts[-1]]
    return [f"{first.format(name=name)}, {second}." for first, second in chosen]


def _section(language: str, key: str, level: str, name: str) -> str:
    english, spanish, family = _HUGO_SECTIONS[key]
    title = _heading(english if language == "en" else spanish, family)
    prose = (_PROSE_EN if language == "en" else _PROSE_ES)[key].format(name=name)
    return f"{level} {title}\n\n{prose}\n"


@dataclass
class _Page:
    path: Path
    text: str


def _hugo_pair(
    rng: random.Random, number: int, move: Move, variant: tuple[str, str]
) -> list[_Page]:
    """An English and a Spanish page of one exercise, in one of the Hugo shapes."""
    name_en = f"{variant[0]} {move.en}".strip()
    name_es = f"{move.es} {variant[1]}".strip()
    key = f"exercise-{_slug(name_en)}"
    difficulty = rng.choice(list(_DIFFICULTY))
    body_steps_only = number % 5 == 0  # a fifth: steps only as body sections
    restated = not body_steps_only and number % 7 == 0  # a body list repeats the steps
    pages = []
    for language in ("en", "es"):
        name = name_en if language == "en" else name_es
        en_words, es_words = _EQUIPMENT_WORDS[move.category]
        equipment = [rng.choice(en_words if language == "en" else es_words)]
        muscles = [
            muscle if language == "en" else rng.choice(_MUSCLE_WORDS[muscle])
            for muscle in move.muscles
        ]
        keywords = rng.sample(_KEYWORDS_EN if language == "en" else _KEYWORDS_ES, 3)
        level = difficulty if language == "en" else rng.choice(_DIFFICULTY[difficulty])
        steps = _steps(rng, name, language)
        front = [
            "---",
            f'title: "{name}"',
            f'translationKey: "{key}"',
            f'description: "{_description(name, language)}"',
            f"date: {SHARED_DATE}",
            f"keywords: {_quoted(keywords)}",
            f"equipment: {_quoted(equipment)}",
            f"muscles: {_quoted(muscles)}",
            f'difficulty: "{level}"',
            f"duration: {rng.choice((30, 45, 60, 90))}",
            f'author: "{SHARED_AUTHOR}"',
        ]
        if number % 3 == 0:
            front.append(f'video_id: "{PLACEHOLDER_VIDEO}"')
        if number % 4 == 0:
            front.append(f'image: "{PLACEHOLDER_IMAGE}"')
        if not body_steps_only:
            front.append("steps:")
            front.extend(f'  - "{step}"' for step in steps)
            front.extend(_front_modifications(language))
        front.append("---")
        body = _hugo_body(rng, language, name, steps, body_steps_only, restated)
        folder_en, folders_es = _CATEGORY_FOLDER[move.category]
        if language == "en":
            path = Path("girlpilates/content/en/exercises") / folder_en / f"{_slug(name_en)}.md"
        else:
            folder = rng.choice(folders_es)
            path = Path("girlpilates/content/es/ejercicios") / folder / f"{_slug(name_es)}.md"
        pages.append(_Page(path, "\n".join(front) + "\n\n" + body))
    return pages


def _description(name: str, language: str) -> str:
    if language == "en":
        return f"A controlled take on the {name} that builds strength without strain."
    return f"Una versión controlada de {name} que da fuerza sin tensión."


_LYING_START = {
    "en": "Lie on your back with knees bent, feet flat and arms resting by your sides.",
    "es": "Túmbate boca arriba con las rodillas dobladas, los pies apoyados y los brazos a "
    "los lados.",
}
_MODIFICATION_TEXT = {
    "en": (
        "Move through half the range until it feels steady.",
        "Straighten the limbs to make the lever longer.",
    ),
    "es": (
        "Muévete en medio recorrido hasta que se sienta estable.",
        "Estira las extremidades para alargar la palanca.",
    ),
}


def _front_modifications(language: str) -> list[str]:
    easier, harder = (
        ("Smaller range", "Longer lever")
        if language == "en"
        else ("Menos recorrido", "Palanca larga")
    )
    text_easier, text_harder = _MODIFICATION_TEXT[language]
    return [
        "modifications:",
        f'  - name: "{easier}"',
        '    level: "easier"',
        f'    description: "{text_easier}"',
        f'  - name: "{harder}"',
        '    level: "harder"',
        f'    description: "{text_harder}"',
    ]


def _hugo_body(
    rng: random.Random,
    language: str,
    name: str,
    steps: list[str],
    body_steps_only: bool,
    restated: bool,
) -> str:
    prose = _PROSE_EN if language == "en" else _PROSE_ES
    blocks = [prose["intro"].format(name=name) + "\n"]
    keys = rng.sample(list(_HUGO_SECTIONS), rng.randint(3, len(_HUGO_SECTIONS)))
    sections = [_section(language, key, "##", name) for key in keys]
    if body_steps_only:
        start = _heading("Starting Position" if language == "en" else "Posición Inicial", "setup")
        execution = _heading("Execution" if language == "en" else "Ejecución", "steps")
        modifications = _heading("Modifications" if language == "en" else "Modificaciones", None)
        easier, harder = ("Easier", "Harder") if language == "en" else ("Más fácil", "Más difícil")
        numbered = "\n".join(f"{index}. {step}" for index, step in enumerate(steps, 1))
        sections.insert(rng.randint(0, len(sections)), f"## {execution}\n\n{numbered}\n")
        sections.insert(rng.randint(0, len(sections)), f"## {start}\n\n{_LYING_START[language]}\n")
        easier_text, harder_text = _MODIFICATION_TEXT[language]
        sections.append(
            f"## {modifications}\n\n- **{easier}:** {easier_text}\n- **{harder}:** {harder_text}\n"
        )
    elif restated:
        heading = _heading(
            "Step-by-Step Instructions" if language == "en" else "Instrucciones paso a paso",
            "steps",
        )
        numbered = "\n".join(f"{index}. {step}" for index, step in enumerate(steps, 1))
        sections.insert(rng.randint(0, len(sections)), f"## {heading}\n\n{numbered}\n")
    return "\n".join(blocks + sections)


# Video + howto files: strength moves with the equipment in the file name.
_LIFTS = (
    ("reversecurl", "Reverse Curl", "Curl inverso"),
    ("hammercurl", "Hammer Curl", "Curl martillo"),
    ("frontraise", "Front Raise", "Elevación frontal"),
    ("lateralraise", "Lateral Raise", "Elevación lateral"),
    ("bentoverrow", "Bent Over Row", "Remo inclinado"),
    ("romaniandeadlift", "Romanian Deadlift", "Peso muerto rumano"),
    ("splitsquat", "Split Squat", "Sentadilla dividida"),
    ("reverselunge", "Reverse Lunge", "Zancada inversa"),
    ("hipthrust", "Hip Thrust", "Empuje de cadera"),
    ("calfraise", "Calf Raise", "Elevación de talones"),
    ("overheadpress", "Overhead Press", "Press por encima de la cabeza"),
    ("chestfly", "Chest Fly", "Aperturas de pecho"),
    ("pullover", "Pullover", "Pullover"),
    ("shrug", "Shrug", "Encogimiento de hombros"),
    ("uprightrow", "Upright Row", "Remo al mentón"),
    ("tricepskickback", "Triceps Kickback", "Patada de tríceps"),
    ("facepull", "Face Pull", "Tirón a la cara"),
    ("pallofpress", "Pallof Press", "Press Pallof"),
    ("goodmorning", "Good Morning", "Buenos días"),
    ("stepup", "Step Up", "Subida al cajón"),
    ("woodchop", "Woodchop", "Leñador"),
    ("sumosquat", "Sumo Squat", "Sentadilla sumo"),
    ("singlearmrow", "Single Arm Row", "Remo a una mano"),
    ("inclinepress", "Incline Press", "Press inclinado"),
    ("floorpress", "Floor Press", "Press en el suelo"),
)
_LIFT_EQUIPMENT = (
    ("barbell", "Barbell", "barra"),
    ("dumbbell", "Dumbbell", "mancuerna"),
    ("cable", "Cable", "polea"),
    ("band", "Band", "banda"),
    ("kettlebell", "Kettlebell", "pesa rusa"),
    ("bodyweight", "Bodyweight", "peso corporal"),
    ("smith", "Smith Machine", "máquina Smith"),
    ("leveragemachine", "Leverage Machine", "máquina de palanca"),
    ("ezbar", "EZ Bar", "barra Z"),
    ("trapbar", "Trap Bar", "barra hexagonal"),
)

# Named steps: (title, text) in both languages; the body list restates them.
_LIFT_STEPS_EN = (
    ("Set Your Stance", "Stand or sit as the {equipment} requires, feet planted and spine tall."),
    ("Brace the Trunk", "Draw the ribs down and tighten the middle before any weight moves."),
    ("Drive Through", "Move the load along its path at a steady pace, joints stacked."),
    ("Pause Briefly", "Hold the hardest point for a moment without losing the brace."),
    ("Return with Control", "Let the load come back slowly, resisting it all the way down."),
)
_LIFT_STEPS_ES = (
    ("Coloca la postura", "Ponte de pie o sentado según pida la {equipment}, pies firmes."),
    ("Activa el tronco", "Baja las costillas y aprieta el centro antes de mover el peso."),
    ("Empuja con control", "Mueve la carga por su recorrido a ritmo constante y alineado."),
    ("Pausa breve", "Sostén el punto más difícil un momento sin perder la activación."),
    ("Vuelve despacio", "Deja que la carga regrese lenta, frenándola durante todo el camino."),
)
# Heading labels in every style and both languages: (label, family).
_LIFT_LABELS_EN = {
    "setup": (("Setup", "setup"), ("Starting Position", "setup"), ("Set Up", "setup")),
    "movement": (("Movement", "steps"), ("Execution", "steps"), ("How to Perform", "steps")),
    "points": (("Key Points", "tips"), ("Form Cues", "tips"), ("Tips", "tips")),
    "breathing": (("Breathing", "breathing"),),
    "mistakes": (("Common Mistakes", "mistakes"),),
    "caution": (("Caution", "safety"), ("Safety", "safety")),
    "muscles": (("Muscles Worked", None),),
}
_LIFT_LABELS_ES = {
    "setup": (("Preparación", "setup"), ("Posición inicial", "setup")),
    "movement": (("Movimiento", "steps"), ("Ejecución", "steps")),
    "points": (("Puntos clave", "tips"), ("Consejos", "tips")),
    "breathing": (("Respiración", "breathing"),),
    "mistakes": (("Errores comunes", "mistakes"),),
    "caution": (("Precauciones", "safety"),),
    "muscles": (("Músculos trabajados", None),),
}
_LIFT_TEXT_EN = {
    "setup": "1. Pick a load you can move for twelve clean repetitions.\n"
    "2. Clear the floor around you.",
    "points": "- Keep the neck in line with the spine.\n- Move the same way on every repetition.",
    "breathing": "- Breathe out on the effort.\n- Breathe in on the way back.",
    "mistakes": "- **Bouncing**: momentum steals the work from the muscle.\n"
    "- **Shortening the range**: finish every repetition.",
    "caution": "Lower the load at once if a joint aches rather than the muscle working.",
    "muscles": "The main movers and the trunk muscles that hold you steady.",
}
_LIFT_TEXT_ES = {
    "setup": "1. Elige una carga que puedas mover doce veces limpias.\n"
    "2. Despeja el suelo a tu alrededor.",
    "points": "- Mantén el cuello en línea con la columna.\n- Muévete igual en cada repetición.",
    "breathing": "- Suelta el aire en el esfuerzo.\n- Toma aire al volver.",
    "mistakes": "- **Rebotar**: la inercia roba el trabajo al músculo.\n"
    "- **Acortar el recorrido**: completa cada repetición.",
    "caution": "Baja la carga enseguida si duele una articulación en lugar de trabajar el músculo.",
    "muscles": "Los músculos principales y los del tronco que te mantienen estable.",
}
# Orders real files use; several put the movement before the setup or the tips first.
_LIFT_ORDERS = (
    ("setup", "movement", "points", "breathing", "caution"),
    ("movement", "setup", "breathing", "mistakes"),
    ("points", "setup", "movement", "mistakes", "muscles"),
    ("setup", "movement", "mistakes", "points", "caution", "muscles"),
    ("caution", "movement", "setup", "breathing", "points"),
)
_STYLES = ("**{}:**", "### {}", "#### {}", "## {}")


def _lift_file(
    rng: random.Random,
    number: int,
    lift: tuple[str, str, str],
    equipment: tuple[str, str, str],
    language: str,
) -> _Page:
    stem, name_en, name_es = lift
    key, equipment_en, equipment_es = equipment
    english = language == "en"
    title = f"{equipment_en} {name_en}" if english else _title_es(f"{name_es} con {equipment_es}")
    named = _LIFT_STEPS_EN if english else _LIFT_STEPS_ES
    count = rng.randint(3, len(named))
    steps = [
        (name, text.format(equipment=equipment_en.lower() if english else equipment_es))
        for name, text in named[:count]
    ]
    labels = _LIFT_LABELS_EN if english else _LIFT_LABELS_ES
    texts = _LIFT_TEXT_EN if english else _LIFT_TEXT_ES
    style = _STYLES[number % len(_STYLES)]
    blocks = []
    for part in _LIFT_ORDERS[number % len(_LIFT_ORDERS)]:
        label, family = rng.choice(labels[part])
        heading = style.format(_heading(label, family))
        if part == "movement":
            # Half restate the named steps word for word, half say the same more briefly.
            verbatim = number % 2 == 0
            items = [
                f"{index}. **{name}:** {text if verbatim else _shorter(text)}"
                for index, (name, text) in enumerate(steps, 1)
            ]
            blocks.append(heading + "\n" + "\n".join(items) + "\n")
        else:
            blocks.append(heading + "\n" + texts[part] + "\n")
    howto = "\n".join(f"### {name}\n{text}\n" for name, text in steps)
    if english:
        description = (
            f"Work the main movers with the {title}, a steady strength move you can load "
            "a little more each week."
        )
    else:
        description = f"Trabaja los músculos principales con {title}, un ejercicio de fuerza."
    video = PLACEHOLDER_VIDEO if number % 6 == 0 else _video_id(rng)
    text = (
        f'---\nvideo: "{video}"\ndescription: "{description}"\n---\n\n'
        + "\n".join(blocks)
        + "\n<!-- howto -->\n\n"
        + howto
    )
    folder = Path("liftosaur/exercises") / ("" if english else "es")
    # Some names are spelled twice: with and without hyphens, slugging to the same slug.
    spelled = stem if number % 11 else f"{stem[:4]}-{stem[4:]}"
    return _Page(folder / f"{spelled}_{key}.md", text)


def _title_es(name: str) -> str:
    """Spanish titles as the source writes them: capitals except on connecting words."""
    small = {"con", "de", "del", "la", "el", "a", "al", "en", "por", "y"}
    return " ".join(word if word in small else word[:1].upper() + word[1:] for word in name.split())


def _shorter(text: str) -> str:
    """The same instruction in fewer words: the last clause dropped."""
    head = text.rstrip(".").split(",")[0]
    return head + "."


def _video_id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(11))


def corpus_pages(
    *, pairs: int = 400, lifts: int = 220, spanish_lifts: int = 40, seed: int = 20
) -> list[tuple[Path, str]]:
    """The corpus as (relative path, text), deterministic for a seed."""
    rng = random.Random(seed)
    pages: list[_Page] = []
    combos = [(move, variant) for variant in _VARIANTS for move in _MOVES]
    for number, (move, variant) in enumerate(combos[:pairs], start=1):
        pages.extend(_hugo_pair(rng, number, move, variant))
    # Colliding slugs: a second file whose name slugs the same ("Chest_Lift.md").
    for page in list(pages[:80:8]):
        spelled = page.path.stem.replace("-", "_").title() + ".md"
        copy = page.text.replace('translationKey: "', 'translationKey: "copy-')
        pages.append(_Page(page.path.parent / spelled, copy))
    lift_combos = [(lift, equipment) for equipment in _LIFT_EQUIPMENT for lift in _LIFTS]
    rng.shuffle(lift_combos)
    for number, (lift, equipment) in enumerate(lift_combos[:lifts], start=1):
        pages.append(_lift_file(rng, number, lift, equipment, "en"))
    for number, (lift, equipment) in enumerate(lift_combos[:spanish_lifts], start=1):
        pages.append(_lift_file(rng, number, lift, equipment, "es"))
    for folder in ("girlpilates/content/en/exercises", "girlpilates/content/es/ejercicios"):
        pages.append(_Page(Path(folder) / "_index.md", '---\ntitle: "Exercises"\n---\n'))
    return [(page.path, page.text) for page in pages]


def write_corpus(root: Path, **options: int) -> int:
    """Write the corpus under ``root``; returns the number of files."""
    written = set()
    for path, text in corpus_pages(**options):
        target = root / path
        if target in written:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.add(target)
    return len(written)


# The headings are known once the corpus has been made.
corpus_pages()

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "real-shape-corpus")
    sys.stdout.write(f"{write_corpus(target)} files written under {target}\n")
