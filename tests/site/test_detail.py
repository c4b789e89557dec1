import re
from datetime import date

import pytest

from exercises.models import FAQ, Modification, Status, Step, VideoReference
from tests.factories import make_exercise
from tests.site.helpers import canonical, hreflang_links, json_ld_of_type, meta_content

pytestmark = pytest.mark.django_db


def page(client, exercise) -> str:
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_detail_shows_every_part_of_the_exercise(client, full_exercise):
    html = page(client, full_exercise)
    assert "<h1>Full Roll Up</h1>" in html
    assert "A full exercise." in html
    assert "Intermediate" in html
    assert "1 min" in html
    assert 'href="/exercises/?category=mat"' in html
    assert 'href="/exercises/?equipment=mat"' in html
    assert 'href="/exercises/?muscle=core"' in html
    assert 'href="/exercises/?muscle=glutes"' in html
    assert 'href="/exercises/?tag=beginner-friendly"' in html


def test_duration_is_human_readable(client, db):
    exercise = make_exercise(duration=90)
    assert "1 min 30 s" in page(client, exercise)


def test_steps_are_in_order_with_their_titles(client, db):
    exercise = make_exercise()
    Step.objects.create(exercise=exercise, position=3, text="Third step.")
    Step.objects.create(exercise=exercise, position=1, title="Start", text="First step.")
    Step.objects.create(exercise=exercise, position=2, text="Second step.")
    html = page(client, exercise)
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    assert steps.index("First step.") < steps.index("Second step.") < steps.index("Third step.")
    assert '<h3 class="steps__title">Start</h3>' in steps


def test_modifications_are_grouped_easier_harder_variations(client, db):
    exercise = make_exercise()
    for position, (level, name) in enumerate(
        [("harder", "Lift higher"), ("variation", "On the ball"), ("easier", "Bend knees")]
    ):
        Modification.objects.create(
            exercise=exercise, position=position, level=level, name=name, description="..."
        )
    html = page(client, exercise)
    easier = html.index("<h3>Easier</h3>")
    harder = html.index("<h3>Harder</h3>")
    variations = html.index("<h3>Variations</h3>")
    assert easier < html.index("Bend knees") < harder < html.index("Lift higher") < variations
    assert variations < html.index("On the ball")


def test_faqs_are_disclosure_widgets(client, full_exercise):
    html = page(client, full_exercise)
    assert re.search(r"<details>\s*<summary>Why\?</summary>\s*<p>Because.</p>", html)


def test_video_shows_thumbnail_link_first_with_nocookie_embed_for_the_script(client, full_exercise):
    html = page(client, full_exercise)
    poster = re.search(r'<a class="video__poster".*?</a>', html, re.S).group(0)
    assert 'href="https://www.youtube.com/watch?v=O5-ROTyo2dA"' in poster
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/O5-ROTyo2dA' in poster
    assert "i.ytimg.com/vi/O5-ROTyo2dA/hqdefault.jpg" in poster
    assert "<iframe" not in html
    assert "Watch on YouTube" in html
    assert "js/video.js" in html


def test_body_markdown_is_rendered(client, db):
    exercise = make_exercise(body="## Benefits\n\n- **Core** strength")
    html = page(client, exercise)
    assert "<h2>Benefits</h2>" in html
    assert "<strong>Core</strong>" in html


def test_body_is_sanitised(client, db):
    exercise = make_exercise(
        body=(
            "Hi <script>alert('x')</script>\n\n"
            '<img src="x.png" onerror="alert(1)">\n\n'
            "[click](javascript:alert(1)) "
            '<a href="JaVaScRiPt:alert(2)" onclick="alert(3)">raw</a>'
        )
    )
    html = page(client, exercise)
    body = re.search(r'<section class="prose".*?</section>', html, re.S).group(0)
    assert "<script" not in body
    assert "alert('x')" not in body
    assert "onerror" not in body
    assert "onclick" not in body
    # The parser leaves a javascript: link as literal text; only a URL attribute would run it.
    assert not re.search(r"(href|src)=\"\s*javascript:", body, re.I)
    assert '<img src="x.png">' in body


def test_breadcrumbs_lead_home_list_category(client, full_exercise):
    html = page(client, full_exercise)
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/exercises/", "/exercises/?category=mat"]
    assert '<span aria-current="page">Full Roll Up</span>' in crumbs


def test_translations_are_linked_and_switcher_goes_to_them(client, library):
    html = page(client, library["hundred"])
    assert 'href="/es/ejercicios/el-cien/" hreflang="es" lang="es">El Cien (Spanish)</a>' in html
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/es/ejercicios/el-cien/"' in switcher


def test_switcher_falls_back_to_the_other_language_list(client, library):
    switcher = re.search(
        r'<nav class="language-switcher".*?</nav>', page(client, library["teaser"]), re.S
    ).group(0)
    assert 'href="/es/ejercicios/"' in switcher


def test_spanish_detail_switches_back_to_english(client, library):
    html = page(client, library["cien"])
    assert 'href="/exercises/the-hundred/" hreflang="en"' in html
    assert "Dificultad" in html


def test_draft_translation_is_not_linked(client, library):
    library["cien"].status = Status.DRAFT
    library["cien"].save()
    html = page(client, library["hundred"])
    assert "/es/ejercicios/el-cien/" not in html


def test_drafts_are_404_for_the_public(client, library):
    assert client.get(library["draft"].get_absolute_url()).status_code == 404


def test_drafts_are_404_for_logged_in_non_staff(client, library, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get(library["draft"].get_absolute_url()).status_code == 404


def test_staff_preview_drafts_with_a_banner_and_noindex(editor_client, library):
    html = page(editor_client, library["draft"])
    assert 'class="draft-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_published_pages_have_no_draft_banner(editor_client, library):
    html = page(editor_client, library["hundred"])
    assert "draft-banner" not in html
    assert 'name="robots"' not in html


def test_unknown_slug_is_404(client, db):
    assert client.get("/exercises/no-such-exercise/").status_code == 404


def test_english_slug_is_not_found_under_spanish_prefix(client, library):
    assert client.get("/es/ejercicios/the-hundred/").status_code == 404


def test_related_exercises_share_muscles_or_equipment_ranked_by_overlap(client, library):
    response = client.get(library["bridge"].get_absolute_url())
    related = [exercise.title for exercise in response.context["related"]]
    # Kickback shares glutes, hamstrings and mat (3); teaser hamstrings and mat (2);
    # the hundred only mat (1); drafts and Spanish exercises never appear.
    assert related == ["Band Glute Kickback", "Teaser", "The Hundred"]


def test_image_only_known_by_its_source_path_renders_no_img(client, db):
    exercise = make_exercise(image_source="/images/exercises/missing.jpg")
    html = page(client, exercise)
    assert "missing.jpg" not in html
    assert 'class="exercise__image"' not in html


def test_meta_tags_canonical_and_open_graph(client, library):
    html = page(client, library["hundred"])
    assert "<title>The Hundred · Pilates Exercise Library</title>" in html
    assert meta_content(html, "description") == "Pump the arms while holding a curl."
    assert canonical(html) == "http://testserver/exercises/the-hundred/"
    assert meta_content(html, "og:title") == "The Hundred"
    assert meta_content(html, "og:url") == "http://testserver/exercises/the-hundred/"
    assert meta_content(html, "og:locale") == "en_US"
    assert meta_content(html, "og:locale:alternate") == "es_ES"
    assert meta_content(html, "twitter:title") == "The Hundred"


def test_hreflang_alternates_per_translation_plus_x_default(client, library):
    expected = {
        "en": "http://testserver/exercises/the-hundred/",
        "es": "http://testserver/es/ejercicios/el-cien/",
        "x-default": "http://testserver/exercises/the-hundred/",
    }
    assert hreflang_links(page(client, library["hundred"])) == expected
    assert hreflang_links(page(client, library["cien"])) == expected


def test_untranslated_exercise_has_only_its_own_hreflang(client, library):
    assert hreflang_links(page(client, library["sirena"])) == {
        "es": "http://testserver/es/ejercicios/sirena/",
        "x-default": "http://testserver/es/ejercicios/sirena/",
    }


def test_json_ld_howto_has_steps_in_order_named_when_titled(client, db):
    exercise = make_exercise(title="Saw", duration=90, description="Twist and reach.")
    Step.objects.create(exercise=exercise, position=2, text="Reach for the little toe.")
    Step.objects.create(exercise=exercise, position=1, title="Sit tall", text="Sit with legs wide.")
    (howto,) = json_ld_of_type(page(client, exercise), "HowTo")
    assert howto["name"] == "Saw"
    assert howto["totalTime"] == "PT1M30S"
    assert [step["@type"] for step in howto["step"]] == ["HowToStep", "HowToStep"]
    assert [step["text"] for step in howto["step"]] == [
        "Sit with legs wide.",
        "Reach for the little toe.",
    ]
    assert howto["step"][0]["name"] == "Sit tall"
    assert "name" not in howto["step"][1]


def test_json_ld_faq_page_only_when_there_are_faqs(client, db):
    exercise = make_exercise()
    assert json_ld_of_type(page(client, exercise), "FAQPage") == []
    FAQ.objects.create(exercise=exercise, position=1, question="Q1?", answer="A1.")
    FAQ.objects.create(exercise=exercise, position=2, question="Q2?", answer="A2.")
    (faq_page,) = json_ld_of_type(page(client, exercise), "FAQPage")
    assert [q["name"] for q in faq_page["mainEntity"]] == ["Q1?", "Q2?"]
    assert faq_page["mainEntity"][1]["acceptedAnswer"] == {"@type": "Answer", "text": "A2."}


def test_json_ld_video_object_per_video_with_its_own_upload_date(client, db):
    exercise = make_exercise(title="Swan", published_on=date(2024, 2, 3), description="Extend.")
    VideoReference.objects.create(
        exercise=exercise,
        position=1,
        video_id="O5-ROTyo2dA",
        upload_date=date(2019, 6, 1),
        duration=95,
    )
    VideoReference.objects.create(
        exercise=exercise,
        position=2,
        video_id="abcdefghijk",
        title="Swan, slower",
        upload_date=date(2020, 1, 9),
    )
    videos = json_ld_of_type(page(client, exercise), "VideoObject")
    assert [video["embedUrl"] for video in videos] == [
        "https://www.youtube-nocookie.com/embed/O5-ROTyo2dA",
        "https://www.youtube-nocookie.com/embed/abcdefghijk",
    ]
    assert videos[0]["thumbnailUrl"] == "https://i.ytimg.com/vi/O5-ROTyo2dA/hqdefault.jpg"
    assert videos[0]["name"] == "Swan"
    assert videos[1]["name"] == "Swan, slower"
    assert [video["uploadDate"] for video in videos] == ["2019-06-01", "2020-01-09"]
    assert videos[0]["duration"] == "PT1M35S"
    assert "duration" not in videos[1]
    assert videos[0]["description"] == "Extend."


def test_no_video_object_without_the_videos_upload_date_or_a_description(client, db):
    # The exercise's publish date is not the video's: a VideoObject needs the video's own.
    undated = make_exercise(title="Seal", published_on=date(2024, 2, 3), description="Roll.")
    VideoReference.objects.create(exercise=undated, position=1, video_id="O5-ROTyo2dA")
    undescribed = make_exercise(title="Saw", published_on=date(2024, 2, 3))
    VideoReference.objects.create(
        exercise=undescribed, position=1, video_id="O5-ROTyo2dA", upload_date=date(2019, 6, 1)
    )

    assert json_ld_of_type(page(client, undated), "VideoObject") == []
    assert json_ld_of_type(page(client, undescribed), "VideoObject") == []


def test_json_ld_breadcrumb_list(client, full_exercise):
    (crumbs,) = json_ld_of_type(page(client, full_exercise), "BreadcrumbList")
    assert [
        (item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]
    ] == [
        (1, "Home", "http://testserver/"),
        (2, "Exercises", "http://testserver/exercises/"),
        (3, "Mat", "http://testserver/exercises/?category=mat"),
        (4, "Full Roll Up", "http://testserver/exercises/full-roll-up/"),
    ]


def test_json_ld_cannot_be_broken_out_of(client, db):
    exercise = make_exercise(
        title="</script><script>alert(1)</script>",
        slug="breakout",
        description="<!-- & -->",
    )
    Step.objects.create(exercise=exercise, position=1, text="</SCRIPT> step")
    html = page(client, exercise)
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert scripts
    for script in scripts:
        assert "<" not in script and ">" not in script and "&" not in script
    (howto,) = json_ld_of_type(html, "HowTo")
    assert howto["name"] == "</script><script>alert(1)</script>"
    assert howto["step"][0]["text"] == "</SCRIPT> step"
    assert "<script>alert(1)" not in html
