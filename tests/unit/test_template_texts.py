"""The web pages are plain Dutch (B1) with "u" too: every text in the Jinja templates a person
reads passes the checks of test_bot_texts.py, and no sentence repeats one from the catalogue."""

# A template holds text in three places: the HTML between the tags, a few attributes (title,
# placeholder, …) and string literals in Jinja expressions ({{ "nog niet" if … }}). What Jinja
# fills in from a variable is someone else's text: here it stands as "{…}", a word.

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from handoff.paths import PROJECT_ROOT
from tests.unit.test_bot_texts import APP_TEXTS, filled, looks_dutch, problems

TEMPLATES = PROJECT_ROOT / "handoff" / "web" / "templates"
OUTPUT = "{…}"  # what a {{ … }} shows: a value, not a text of the template
READ_ATTRIBUTES = frozenset({"title", "placeholder", "aria-label", "alt", "label"})
# Tags inside a sentence: "De bot dacht: <strong>…</strong> (…)" is one text, not three.
INLINE = frozenset(
    "a abbr b bdi cite code em i kbd mark q s small span strong sub sup time u".split()
)
UNREAD = frozenset({"script", "style"})
# Statements whose text is not read together with the text around them. ({% if %} is: it
# adds to a sentence, as in "Live gezet{% if by %} door {{ by }}{% endif %}.")
APART = frozenset("block endblock macro endmacro call endcall".split())
BREAK = "<jinja-statement>"  # not INLINE: the parser ends a text there
PRINTF = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def markup(source: str) -> str:
    """The template's HTML as Jinja's lexer sees it: every {{ … }} one OUTPUT, statements and
    comments gone; a block or macro ends the text before it (it is read elsewhere)."""
    parts = []
    inside, first = False, False
    for _, token, value in jinja2.Environment().lex(source):
        if token in ("variable_begin", "block_begin", "comment_begin"):
            inside, first = True, token == "block_begin"
            parts.append(OUTPUT if token == "variable_begin" else "")
        elif token in ("variable_end", "block_end", "comment_end"):
            inside = False
        elif token == "data" and not inside:
            parts.append(value)
        elif first and token != "whitespace":  # the statement's first word names it
            first = False
            if token == "name" and value in APART:
                parts.append(BREAK)
    return "".join(parts)


class PageText(HTMLParser):
    """Collects the text nodes (joined across inline tags) and the attributes people read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.pending: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.pending).split())
        if text:
            self.found.append(text)
        self.pending = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNREAD:
            self.skipping += 1
        if tag not in INLINE:
            self.flush()
        self.found.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD:
            self.skipping -= 1
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pending.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


def html_texts(source: str) -> Iterator[str]:
    parser = PageText()
    parser.feed(markup(source))
    parser.close()
    yield from parser.found


def literal_texts(source: str) -> Iterator[str]:
    """The string literals of the template's Jinja code that reach the page: not the names of
    templates, keys ({{ x["key"] }}, .get("key", …)), compared values or filter arguments."""
    skipped: set[int] = set()
    formats: set[int] = set()
    tree = jinja2.Environment().parse(source)
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport):
            skipped.add(id(node.template))
        elif isinstance(node, nodes.Compare):
            skipped.update(id(inner) for inner in node.find_all(nodes.Const))
        elif isinstance(node, nodes.Getitem):
            skipped.add(id(node.arg))
        elif isinstance(node, nodes.Filter | nodes.Test):
            skipped.update(id(arg) for arg in [*node.args, *(kw.value for kw in node.kwargs)])
        elif (
            isinstance(node, nodes.Call)
            and node.args
            and isinstance(node.node, nodes.Getattr)
            and node.node.attr == "get"
        ):
            skipped.add(id(node.args[0]))
        if isinstance(node, nodes.Filter) and node.name == "format":
            formats.add(id(node.node))  # "%d keer" | format(n): a text with a value in it
    for node in tree.find_all(nodes.Const):
        if id(node) not in skipped and isinstance(node.value, str):
            text = " ".join(node.value.split())
            yield PRINTF.sub(OUTPUT, text).replace("%%", "%") if id(node) in formats else text


def is_text(text: str) -> bool:
    """A text of the template: words, not only what variables fill in."""
    return bool(re.search(r"[^\W\d_]", text.replace(OUTPUT, "")))


def template_texts(path: Path) -> Iterator[tuple[str, str]]:
    source = path.read_text(encoding="utf-8")
    seen = set()
    for text in [*html_texts(source), *literal_texts(source)]:
        if is_text(text) and text not in seen:
            seen.add(text)
            yield path.name, text


def template_problems(template: str, text: str) -> list[str]:
    return problems(f"{template}: {text!r}", text)


TEMPLATE_PATHS = sorted(TEMPLATES.glob("*.html"))
TEMPLATE_TEXTS = [found for path in TEMPLATE_PATHS for found in template_texts(path)]


def test_there_are_template_texts_to_check() -> None:
    assert len(TEMPLATE_PATHS) >= 10
    assert {name for name, _ in TEMPLATE_TEXTS} == {path.name for path in TEMPLATE_PATHS}
    assert len(TEMPLATE_TEXTS) > 100


@pytest.mark.parametrize(
    ("template", "text"), TEMPLATE_TEXTS, ids=[f"{name}: {text}" for name, text in TEMPLATE_TEXTS]
)
def test_template_text_is_plain_dutch(template: str, text: str) -> None:
    assert template_problems(template, text) == []


def test_no_template_repeats_a_sentence_of_the_catalogue() -> None:
    """A sentence the catalogue has already is used from there: {{ texts.NO_OPEN_CASES }}."""
    catalogue: dict[str, str] = {}
    for name, text in APP_TEXTS:
        if looks_dutch(text):
            catalogue.setdefault(filled(text), name)
    found = [
        f"{template}: {text!r} is texts.{catalogue[text]}"
        for template, text in TEMPLATE_TEXTS
        if text in catalogue
    ]
    assert found == []


def test_extraction_finds_text_nodes_attributes_and_literals_but_not_code() -> None:
    source = """{% extends "base.html" %}{# Kun je dit lezen? #}
    <h1 class="x">Zaak {{ case.id }}</h1>
    <p>De bot dacht: <strong>{{ guess }}</strong>{% if sure %}, zeker{% endif %}.</p>
    <input placeholder="Typ uw bericht…" aria-label="Uw bericht" value="{{ v or 'leeg' }}">
    <img src="/x.png" alt="Logo"><td>{{ case.tenant }}</td>
    <script>const hint = "Kun je dit zien?";</script><style>p::after { content: "je"; }</style>
    {{ "ja" if case.status == "open" and "spoed" in case.flags else "nog niet" }}
    {{ case.details.get("postcode", "geen adres") }} {{ labels["other"] }}
    {{ when | clock("%d-%m %H:%M") }} {{ case_table(rows, "Geen zaken.", show_owner=False) }}
    {{ "–" }}{% block title %}Zaken{% endblock %}Aandacht {{ "%d keer" | format(n) }}"""
    assert list(html_texts(source)) == [
        "Zaak {…}",
        "De bot dacht: {…}, zeker.",
        "Typ uw bericht…",
        "Uw bericht",
        "Logo",
        "{…}",
        "{…} {…} {…} {…} {…} {…}",
        "Zaken",
        "Aandacht {…}",
    ]
    assert list(literal_texts(source)) == [
        "leeg",
        "ja",
        "nog niet",
        "geen adres",
        "Geen zaken.",
        "–",
        "{…} keer",
    ]
    assert [is_text(text) for text in ("{…}", "{…} ({…})", "–", "Zaak {…}")] == [
        False,
        False,
        False,
        True,
    ]


def test_a_bad_template_text_fails_with_its_template_and_text(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<p title="Heb je dit?">Goed.</p>{{ x or "Kun je dit even checken?" }}', encoding="utf-8"
    )
    found = [problem for entry in template_texts(page) for problem in template_problems(*entry)]
    assert found == [
        "bad.html: 'Heb je dit?': uses je/jij; tenants are addressed with u",
        "bad.html: 'Kun je dit even checken?': uses je/jij; tenants are addressed with u",
    ]
