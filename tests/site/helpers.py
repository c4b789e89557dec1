"""Reading what a rendered page says: JSON-LD blocks, link tags and meta tags."""

import json
import re
from html.parser import HTMLParser


def json_ld_blocks(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def json_ld_of_type(html: str, schema_type: str) -> list[dict]:
    return [block for block in json_ld_blocks(html) if block.get("@type") == schema_type]


class _HeadTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.metas: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def head_tags(html: str) -> _HeadTags:
    parser = _HeadTags()
    parser.feed(html)
    return parser


def hreflang_links(html: str) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in head_tags(html).links
        if link.get("rel") == "alternate" and "hreflang" in link
    }


def canonical(html: str) -> str:
    return next(link["href"] for link in head_tags(html).links if link.get("rel") == "canonical")


def meta_content(html: str, key: str) -> str | None:
    for meta in head_tags(html).metas:
        if meta.get("property") == key or meta.get("name") == key:
            return meta.get("content")
    return None
