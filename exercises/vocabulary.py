"""One vocabulary in every language: the seed of canonical terms and their aliases, and the
merge of one term into another.

The functions take model classes (or an ``apps`` registry), so the data migration that
converts existing rows runs the same code, against its historical models, as the admin's
merge. The seed is data the migration applied: editors extend the vocabulary in the admin,
and a later change to the seed needs a new migration to reach existing databases.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

TERM_SLUG_LENGTH = 100


def fold(word: str) -> str:
    """A source word as the vocabulary compares it: ASCII, lower case, words joined by
    hyphens (``Glúteos`` -> ``gluteos``, ``Hip Flexors`` -> ``hip-flexors``)."""
    return slugify(word)[:TERM_SLUG_LENGTH].strip("-")


# Words that join a name's parts and tell nothing about the thing named.
_CONNECTORS = frozenset(
    {"de", "del", "la", "las", "el", "los", "y", "en", "con", "para", "al"}
    | {"of", "the", "and", "in", "with", "for"}
)


def _singular(word: str) -> str:
    """``bandas`` -> ``banda``, ``flexores`` -> ``flexor``, ``glutes`` -> ``glute``."""
    if len(word) > 4 and word.endswith("es") and word[-3] in "rlndz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def loose_words(word: str) -> list[str]:
    """A source word's meaningful parts, folded and singular: ``Bandas de Resistencia`` ->
    ``["banda", "resistencia"]``."""
    return [_singular(part) for part in fold(word).split("-") if part and part not in _CONNECTORS]


def loose_key(word: str) -> str:
    """How close spellings compare: connecting words out, plurals singular, so ``Bandas
    elásticas`` meets ``banda-elastica`` and ``flexores de la cadera`` ``flexor-cadera``."""
    return "-".join(loose_words(word))


def tag_key(name: str) -> str:
    """Tags that say the same thing: a loose key in any word order (``ejercicio de
    glúteos``, ``ejercicio glúteos`` and ``glúteos ejercicios`` meet)."""
    return "-".join(sorted(loose_words(name)))


def head_words(word: str, language: str) -> list[str]:
    """The words that name the thing, most likely first: Spanish puts the noun first
    (``banda de resistencia``), English last (``resistance band``)."""
    words = loose_words(word)
    if len(words) < 2:
        return []
    ends = [words[0], words[-1]] if language != "en" else [words[-1], words[0]]
    return list(dict.fromkeys(ends))


def loose_index(words: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Rows by the loose key of each of their words; a key two rows share leads nowhere."""
    found: dict[str, Any] = {}
    clashing: set[str] = set()
    for word, row in words:
        key = loose_key(word)
        if key and found.setdefault(key, row).pk != row.pk:
            clashing.add(key)
    return {key: row for key, row in found.items() if key not in clashing}


def loose_match(index: dict[str, Any], word: str, language: str) -> Any | None:
    """The row a word names loosely or, failing that, by its head word; None otherwise."""
    for key in [loose_key(word), *head_words(word, language)]:
        if key in index:
            return index[key]
    return None


@dataclass(frozen=True)
class Kind:
    """One kind of term: its model, its alias model and the exercise field that holds it."""

    term_model: str
    alias_model: str
    exercise_field: str


KINDS = (
    Kind("Category", "CategoryAlias", "category"),
    Kind("Equipment", "EquipmentAlias", "equipment"),
    Kind("Muscle", "MuscleAlias", "muscles"),
)
KIND_BY_MODEL = {kind.term_model: kind for kind in KINDS}


@dataclass(frozen=True)
class SeedTerm:
    slug: str
    names: dict[str, str]  # by language code; "en" is the term's name
    aliases: tuple[str, ...] = ()


def _term(slug: str, en: str, es: str, aliases: str = "") -> SeedTerm:
    """A term with its English and Spanish names and its aliases, separated by spaces."""
    return SeedTerm(slug, {"en": en, "es": es}, tuple(aliases.split()))


# Aliases are folded words (see fold()); a term's own slug and the slugs of its names need
# no alias. Spanish words, English synonyms, plurals and run-together spellings from file
# names (``<name>_<equipment>.md``).
SEED: dict[str, tuple[SeedTerm, ...]] = {
    "Category": (
        _term("mat", "Mat", "Esterilla", "suelo colchoneta mat-work matwork"),
        _term("ball", "Ball", "Pelota", "stability-ball swiss-ball fitball balon"),
        _term("band", "Band", "Banda", "bandas resistance-band banda-elastica"),
        _term("ring", "Ring", "Aro", "anillo magic-circle circulo-magico pilates-ring"),
        _term("reformer", "Reformer", "Reformer", "reformador"),
        _term("chair", "Pilates chair", "Silla de Pilates", "silla wunda-chair"),
        _term("strength", "Strength", "Fuerza", "strength-training gym gimnasio"),
    ),
    "Equipment": (
        _term("mat", "Mat", "Esterilla", "colchoneta colchonetas mats esterillas yoga-mat suelo"),
        _term(
            "ball",
            "Ball",
            "Pelota",
            "balls pelotas stability-ball swiss-ball swissball fitball exercise-ball "
            "pilates-ball balon pelota-suiza pelota-de-pilates pelota-de-estabilidad "
            "balon-suizo",
        ),
        _term(
            "band",
            "Band",
            "Banda",
            "bands bandas resistance-band banda-elastica theraband goma gomas resistance-bands "
            "banda-de-resistencia banda-resistencia bandas-elasticas mini-band loop-band",
        ),
        _term(
            "ring",
            "Ring",
            "Aro",
            "aros anillo magic-circle circulo-magico aro-magico aro-de-pilates pilates-ring",
        ),
        _term("barbell", "Barbell", "Barra", "barbells barra-olimpica olympic-bar"),
        _term("dumbbell", "Dumbbell", "Mancuerna", "dumbbells mancuernas db"),
        _term("kettlebell", "Kettlebell", "Pesa rusa", "kettlebells pesas-rusas kb"),
        _term("cable", "Cable", "Polea", "cables poleas cable-machine"),
        _term(
            "bodyweight",
            "Bodyweight",
            "Peso corporal",
            "body-weight body none sin-material no-equipment",
        ),
        _term("smith-machine", "Smith machine", "Máquina Smith", "smith smithmachine"),
        _term(
            "leverage-machine",
            "Leverage machine",
            "Máquina de palanca",
            "leveragemachine lever-machine plate-loaded-machine",
        ),
        _term("ez-bar", "EZ bar", "Barra Z", "ezbar ez-curl-bar ezcurlbar barra-ez"),
        _term("trap-bar", "Trap bar", "Barra hexagonal", "trapbar hex-bar hexbar"),
        _term("machine", "Machine", "Máquina", "machines maquinas selectorized-machine"),
        _term("bench", "Bench", "Banco", "flat-bench benches"),
        _term("pull-up-bar", "Pull-up bar", "Barra de dominadas", "pullupbar chin-up-bar"),
        _term("dip-station", "Dip station", "Paralelas", "dipstation dip-bars parallel-bars"),
        _term(
            "medicine-ball",
            "Medicine ball",
            "Balón medicinal",
            "medicineball med-ball pelota-medicinal",
        ),
        _term("foam-roller", "Foam roller", "Rodillo de espuma", "foamroller roller rulo"),
        _term("weight-plate", "Weight plate", "Disco", "plate plates discos"),
        _term("suspension-trainer", "Suspension trainer", "Entrenador de suspensión", "trx"),
        _term("bosu", "BOSU ball", "BOSU", "bosu-ball"),
        _term("box", "Plyo box", "Cajón", "plyo-box plyobox cajon"),
        _term("sled", "Sled", "Trineo", "prowler"),
        _term("landmine", "Landmine", "Landmine", "land-mine"),
        _term("reformer", "Reformer", "Reformer", "reformador"),
        _term("chair", "Pilates chair", "Silla de Pilates", "wunda-chair silla"),
        _term("towel", "Towel", "Toalla", ""),
        _term("wall", "Wall", "Pared", ""),
    ),
    "Muscle": (
        _term(
            "abs",
            "Abs",
            "Abdominales",
            "abdominals abdominal rectus-abdominis recto-abdominal abdomen "
            "musculos-abdominales lower-abs upper-abs",
        ),
        _term("obliques", "Obliques", "Oblicuos", "oblique oblicuo"),
        _term(
            "transverse-abdominis",
            "Transverse abdominis",
            "Transverso abdominal",
            "transversus-abdominis transverso tva",
        ),
        _term("core", "Core", "Core", "centro zona-media nucleo powerhouse"),
        _term(
            "glutes",
            "Glutes",
            "Glúteos",
            "gluteo gluteus gluteus-maximus gluteal gluteo-mayor gluteos-mayores",
        ),
        _term("glute-medius", "Glute medius", "Glúteo medio", "gluteus-medius"),
        _term("quads", "Quads", "Cuádriceps", "quadriceps quad cuadriceps"),
        _term("hamstrings", "Hamstrings", "Isquiotibiales", "hamstring isquios"),
        _term(
            "hip-flexors",
            "Hip flexors",
            "Flexores de cadera",
            "hip-flexor iliopsoas psoas flexores-de-la-cadera",
        ),
        _term(
            "adductors",
            "Adductors",
            "Aductores",
            "adductor inner-thighs inner-thigh aductor cara-interna-del-muslo "
            "cara-interna-de-los-muslos",
        ),
        _term("abductors", "Abductors", "Abductores", "abductor outer-thighs"),
        _term("calves", "Calves", "Gemelos", "calf pantorrillas gastrocnemius"),
        _term("lats", "Lats", "Dorsales", "latissimus-dorsi latissimus lat dorsal dorsal-ancho"),
        _term("traps", "Traps", "Trapecios", "trapezius trapecio trap"),
        _term("rhomboids", "Rhomboids", "Romboides", "rhomboid"),
        _term(
            "upper-back",
            "Upper back",
            "Espalda alta",
            "espalda-superior parte-alta-de-la-espalda parte-superior-de-la-espalda",
        ),
        _term(
            "lower-back",
            "Lower back",
            "Zona lumbar",
            "lumbar lumbares erector-spinae erectores-espinales espalda-baja",
        ),
        _term("back", "Back", "Espalda", ""),
        _term("spine", "Spine", "Columna", "columna-vertebral spinal-extensors"),
        _term("chest", "Chest", "Pecho", "pecs pectorals pectoral pectorales"),
        _term(
            "shoulders",
            "Shoulders",
            "Hombros",
            "shoulder hombro deltoids deltoid delts deltoides",
        ),
        _term("biceps", "Biceps", "Bíceps", "bicep"),
        _term("triceps", "Triceps", "Tríceps", "tricep"),
        _term("forearms", "Forearms", "Antebrazos", "forearm antebrazo"),
        _term("neck", "Neck", "Cuello", ""),
        _term("pelvic-floor", "Pelvic floor", "Suelo pélvico", "suelo-pelvico"),
        _term("hips", "Hips", "Caderas", "hip cadera"),
        _term("arms", "Arms", "Brazos", "arm brazo"),
        _term("legs", "Legs", "Piernas", "leg pierna"),
        _term("full-body", "Full body", "Cuerpo completo", "fullbody cuerpo-entero"),
    ),
}


def _translated(names: dict[str, str], default_language: str) -> dict[str, str]:
    return {code: name for code, name in names.items() if code != default_language}


def move_term_links(
    *, exercise_model: Any, exercise_field: str, source: Any, target: Any
) -> set[int]:
    """Every exercise of ``source`` gets ``target`` instead; returns their ids.

    Works on the link table directly (one read, one insert, one delete), with real or
    historical models alike.
    """
    field = exercise_model._meta.get_field(exercise_field)
    if not field.many_to_many:
        exercises = exercise_model._default_manager.filter(**{exercise_field: source})
        moved = set(exercises.values_list("pk", flat=True))
        exercises.update(**{exercise_field: target})
        return moved
    through = field.remote_field.through
    exercise_column = field.m2m_field_name() + "_id"
    term_column = field.m2m_reverse_field_name() + "_id"
    links = through._default_manager
    moved = set(links.filter(**{term_column: source.pk}).values_list(exercise_column, flat=True))
    already = set(
        links.filter(**{term_column: target.pk, f"{exercise_column}__in": moved}).values_list(
            exercise_column, flat=True
        )
    )
    links.bulk_create(
        through(**{exercise_column: pk, term_column: target.pk}) for pk in sorted(moved - already)
    )
    links.filter(**{term_column: source.pk}).delete()
    return moved


def absorb_term(
    *,
    exercise_model: Any,
    alias_model: Any,
    exercise_field: str,
    source: Any,
    target: Any,
) -> set[int]:
    """Merge ``source`` into ``target``: its exercises, its aliases, and its slug and names
    as new aliases of ``target``; fills names ``target`` lacks; deletes ``source``.
    Returns the ids of the exercises that moved."""
    moved = move_term_links(
        exercise_model=exercise_model, exercise_field=exercise_field, source=source, target=target
    )
    alias_model._default_manager.filter(term=source).update(term=target)
    translated = {language: name for language, name in source.translated_names.items() if name} | {
        language: name for language, name in target.translated_names.items() if name
    }
    if translated != target.translated_names:
        target.translated_names = translated
        target.save(update_fields=["translated_names"])
    words = {source.slug, fold(source.name), *map(fold, source.translated_names.values())}
    source.delete()
    target_words = {target.slug, fold(target.name), *map(fold, target.translated_names.values())}
    known = set(alias_model._default_manager.filter(slug__in=words).values_list("slug", flat=True))
    alias_model._default_manager.bulk_create(
        alias_model(slug=word, term=target) for word in sorted(words - target_words - known) if word
    )
    return moved


def seed_vocabulary(apps: Any, schema_editor: Any = None) -> None:
    """Create the seed's terms and aliases, fill names existing terms lack, and merge every
    existing term whose slug is another term's alias into that term (moving its exercises).
    Terms the seed does not know keep their name, which becomes their name in every language.
    """
    from django.conf import settings

    languages = [code for code, _label in settings.LANGUAGES]
    exercise_model = apps.get_model("exercises", "Exercise")
    for kind in KINDS:
        term_model = apps.get_model("exercises", kind.term_model)
        alias_model = apps.get_model("exercises", kind.alias_model)
        terms = {term.slug: term for term in term_model._default_manager.all()}
        for seed in SEED[kind.term_model]:
            term = terms.get(seed.slug)
            translated = _translated(seed.names, settings.LANGUAGE_CODE)
            if term is None:
                terms[seed.slug] = term_model._default_manager.create(
                    slug=seed.slug, name=seed.names["en"], translated_names=translated
                )
                continue
            # An existing term keeps the name an editor gave it; missing languages are filled.
            filled = {**translated, **term.translated_names}
            if filled != term.translated_names:
                term.translated_names = filled
                term.save(update_fields=["translated_names"])
        known_aliases = set(alias_model._default_manager.values_list("slug", flat=True))
        alias_model._default_manager.bulk_create(
            alias_model(slug=alias, term=terms[seed.slug])
            for seed in SEED[kind.term_model]
            for alias in seed.aliases
            if alias not in known_aliases
        )
        merge_into = dict(alias_model._default_manager.values_list("slug", "term"))
        for seed in SEED[kind.term_model]:
            for name in seed.names.values():
                merge_into.setdefault(fold(name), terms[seed.slug].pk)
        for slug, source in list(terms.items()):
            target_pk = merge_into.get(slug)
            if target_pk is None or source.pk == target_pk:
                continue
            absorb_term(
                exercise_model=exercise_model,
                alias_model=alias_model,
                exercise_field=kind.exercise_field,
                source=source,
                target=term_model._default_manager.get(pk=target_pk),
            )
        for term in term_model._default_manager.exclude(pk__in=_seed_pks(terms, kind)):
            # Terms from before the vocabulary: their one name stands for every language.
            filled = {
                code: term.name for code in languages if code != settings.LANGUAGE_CODE
            } | dict(term.translated_names)
            if filled != term.translated_names:
                term.translated_names = filled
                term.save(update_fields=["translated_names"])


def _seed_pks(terms: dict[str, Any], kind: Kind) -> list[int]:
    return [terms[seed.slug].pk for seed in SEED[kind.term_model] if seed.slug in terms]


# Names an earlier seed gave that this one changes, so one term has one name per language
# whether it is a category or equipment: (model, slug, language) -> (old name, new name).
RENAMED = {
    ("Category", "mat", "es"): ("Suelo", "Esterilla"),
    ("Category", "chair", "en"): ("Chair", "Pilates chair"),
    ("Category", "chair", "es"): ("Silla", "Silla de Pilates"),
}


def rename_seed_terms(apps: Any, schema_editor: Any = None) -> None:
    """Give seed terms their new names where they still carry the old ones (an editor's
    own name is kept)."""
    from django.conf import settings

    for (model_name, slug, language), (old, new) in RENAMED.items():
        term = apps.get_model("exercises", model_name)._default_manager.filter(slug=slug).first()
        if term is None:
            continue
        if language == settings.LANGUAGE_CODE and term.name == old:
            term.name = new
            term.save(update_fields=["name"])
        elif language != settings.LANGUAGE_CODE and term.translated_names.get(language) == old:
            term.translated_names = {**term.translated_names, language: new}
            term.save(update_fields=["translated_names"])


def _term_words(term: Any, aliases: dict[int, list[str]]) -> list[str]:
    return [term.slug, term.name, *term.translated_names.values(), *aliases.get(term.pk, [])]


def merge_loosely_known_terms(apps: Any, schema_editor: Any = None) -> None:
    """Terms imports created for words the vocabulary now reaches loosely (``Bandas
    elásticas``, ``Banda de resistencia``) merge into the term those words name."""
    from django.conf import settings

    exercise_model = apps.get_model("exercises", "Exercise")
    for kind in KINDS:
        term_model = apps.get_model("exercises", kind.term_model)
        alias_model = apps.get_model("exercises", kind.alias_model)
        aliases: dict[int, list[str]] = {}
        for slug, term_pk in alias_model._default_manager.values_list("slug", "term"):
            aliases.setdefault(term_pk, []).append(slug)
        reviewed = list(term_model._default_manager.filter(created_by_import=False))
        index = loose_index(
            (word, term) for term in reviewed for word in _term_words(term, aliases)
        )
        for term in term_model._default_manager.filter(created_by_import=True).order_by("pk"):
            language = next(iter(term.translated_names), settings.LANGUAGE_CODE)
            target = loose_match(index, term.name, language)
            if target is not None and target.pk != term.pk:
                absorb_term(
                    exercise_model=exercise_model,
                    alias_model=alias_model,
                    exercise_field=kind.exercise_field,
                    source=term,
                    target=target,
                )


def merge_near_duplicate_tags(apps: Any, schema_editor: Any = None) -> None:
    """Tags that say the same thing (see tag_key) become the most used of them; a merged tag
    another app still uses is kept for that app."""
    from django.db.models import Count

    tag_model = apps.get_model("taggit", "Tag")
    link_model = apps.get_model("exercises", "TaggedExercise")
    generic_model = apps.get_model("taggit", "TaggedItem")
    groups: dict[str, list[Any]] = {}
    tags = tag_model._default_manager.annotate(uses=Count("exercises_taggedexercise_items"))
    for tag in tags.order_by("-uses", "pk"):
        groups.setdefault(tag_key(tag.name), []).append(tag)
    for kept, *merged in (group for group in groups.values() if len(group) > 1):
        for tag in merged:
            links = link_model._default_manager
            tagged = links.filter(tag=kept).values_list("content_object", flat=True)
            links.filter(tag=tag).exclude(content_object__in=list(tagged)).update(tag=kept)
            links.filter(tag=tag).delete()
            if not generic_model._default_manager.filter(tag=tag).exists():
                tag.delete()
