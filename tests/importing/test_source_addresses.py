"""The importer records where each page lived on its source site, by Hugo's rules."""

import pytest

from exercises.fileformat.errors import ImportFileError
from tests.importing.helpers import parse, write

PAGE = "---\ntitle: The Hundred\n{extra}---\nBody.\n"


def page(tmp_path, relative: str, extra: str = "", root: str = ""):
    path = write(tmp_path / relative, PAGE.format(extra=extra))
    return parse(path, root=tmp_path / root if root else tmp_path)


@pytest.mark.parametrize(
    ("relative", "address"),
    [
        ("site/content/en/exercises/mat/the-hundred.md", "/exercises/mat/the-hundred/"),
        ("site/content/es/ejercicios/mat/el-cien.md", "/es/ejercicios/mat/el-cien/"),
        # A leaf bundle: the folder is the page.
        ("content/en/exercises/mat/the-hundred/index.md", "/exercises/mat/the-hundred/"),
        # Translation by file name, in one content folder.
        ("content/exercises/saw.es.md", "/es/exercises/saw/"),
        # No language folder and no content folder: the path below the import root.
        ("mat/the-hundred.md", "/mat/the-hundred/"),
    ],
)
def test_the_page_address_is_its_folder_path_and_file_stem(tmp_path, relative, address):
    assert page(tmp_path, relative).source_address == address


def test_importing_a_language_folder_alone_still_knows_the_sections(tmp_path):
    write(tmp_path / "content/es/ejercicios/mat/el-cien.md", PAGE.format(extra=""))

    record = page(tmp_path, "content/es/ejercicios/mat/el-cien.md", root="content/es/ejercicios")

    assert record.language == "es"
    assert record.source_address == "/es/ejercicios/mat/el-cien/"


def test_slug_replaces_the_stem_and_url_replaces_the_whole_path(tmp_path):
    slugged = page(tmp_path, "en/exercises/mat/a.md", "slug: The Hundred\n")
    rooted = page(tmp_path, "en/exercises/mat/b.md", "url: /classics/hundred/\n")
    relative = page(tmp_path, "es/ejercicios/c.md", "url: clasicos/cien\n")

    assert slugged.source_address == "/exercises/mat/the-hundred/"
    assert rooted.source_address == "/classics/hundred/"
    assert relative.source_address == "/es/clasicos/cien/"


def test_aliases_are_rooted_at_the_language_site_or_relative_to_the_page_folder(tmp_path):
    english = page(
        tmp_path,
        "en/exercises/mat/the-hundred.md",
        'aliases: ["/old/hundred/", "hundreds", "../classic-hundred", "/Old/Page.HTML"]\n',
    )
    spanish = page(
        tmp_path,
        "es/ejercicios/mat/el-cien.md",
        'aliases: ["/viejo/cien/", "/es/antiguo/cien/", "cienes"]\n',
    )

    assert english.alias_addresses == [
        "/old/hundred/",
        "/exercises/mat/hundreds/",
        "/exercises/classic-hundred/",
        "/old/page.html",
    ]
    assert spanish.alias_addresses == [
        "/es/viejo/cien/",
        "/es/antiguo/cien/",
        "/es/ejercicios/mat/cienes/",
    ]


def test_one_alias_as_plain_text_is_a_list_of_one(tmp_path):
    record = page(tmp_path, "en/x.md", "aliases: /old/x/\n")

    assert record.alias_addresses == ["/old/x/"]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('["https://elsewhere.example/x/"]', "is not a path on this site"),
        ('["//elsewhere.example/x/"]', "is not a path on this site"),
        ('["/x/?page=2"]', "has a query string"),
        ('["/x\\\\y/"]', "control character or a backslash"),
        ("[{path: /x/}]", "item 1 is a mapping"),
    ],
)
def test_an_alias_that_is_not_a_path_here_fails_the_file_naming_key_and_line(
    tmp_path, value, problem
):
    path = write(tmp_path / "en/x.md", f"---\ntitle: X\naliases: {value}\n---\n")

    with pytest.raises(ImportFileError) as error:
        parse(path)

    assert problem in str(error.value)
    assert error.value.where.startswith("aliases[1]")
    assert error.value.where.endswith("line 3")


def test_a_url_naming_another_host_fails_the_file(tmp_path):
    path = write(tmp_path / "en/x.md", "---\ntitle: X\nurl: http://evil.example/x/\n---\n")

    with pytest.raises(ImportFileError) as error:
        parse(path)

    assert "is not a path on this site" in str(error.value)
    assert error.value.where == "url, line 3"
