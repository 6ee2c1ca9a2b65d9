"""The portal's Danish message catalog: every marked text is in it, translated, and compiled.

The msgids are the Danish texts themselves; da.po is where their wording is kept (and where
another language would start). `make translations` (part of `make install`) compiles it."""
import ast
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kodefag.settings import REPO_ROOT

CATALOG = REPO_ROOT / "teacher_portal" / "translations" / "da" / "LC_MESSAGES"


def test_every_marked_text_is_in_the_danish_catalog_and_translated(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-F", str(REPO_ROOT / "babel.cfg"),
                    "-o", str(template), str(REPO_ROOT)], check=True, capture_output=True, cwd=REPO_ROOT)
    extracted = {m.id for m in read_po(template.open("rb")) if m.id}
    catalog = read_po((CATALOG / "messages.po").open("rb"), locale="da")
    assert extracted, "no marked texts found: babel.cfg does not reach the templates"
    missing = sorted(str(m) for m in extracted - {m.id for m in catalog if m.id})
    assert missing == [], "run pybabel extract/update (docs/architecture.md, Language and time)"
    assert [m.id for m in catalog if m.id and not m.string] == []


def _ids(catalog) -> set:
    """The catalog's msgids (a plural's singular and plural as one tuple: read_mo gives them as a list)."""
    return {tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id for m in catalog if m.id}


def test_the_build_compiled_the_catalog_flask_babel_reads(tmp_path):
    from flask_babel import gettext

    from kodefag.settings import Settings
    from kodefag.teacher_portal.app import create_app

    compiled = read_mo((CATALOG / "messages.mo").open("rb"))
    source = read_po((CATALOG / "messages.po").open("rb"))
    assert _ids(compiled) == _ids(source), "run make translations"
    app = create_app(Settings(var_dir=tmp_path))
    with app.test_request_context():
        assert gettext("Kommunens tal") == "Kommunens tal"
        assert gettext("%(released)s af %(planned)s", released=3, planned=11) == "3 af 11"


# --- nothing a teacher reads escapes the catalog ---------------------------------------------------
TEMPLATES = REPO_ROOT / "teacher_portal" / "templates"
PORTAL_CODE = REPO_ROOT / "teacher_portal"
MARKERS = {"_", "gettext", "ngettext", "lazy_gettext", "pgettext", "npgettext"}
#: attributes a person reads (or hears): their values are interface text like the page's text
READ_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description", "aria-roledescription"}
#: the product's name is no Danish text
NOT_LANGUAGE = {"kodefag"}
WORD = re.compile(r"[^\W\d_]{2,}")
HOLE = "\x00"


def _skeleton(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The template's HTML with every Jinja part (and the text of {% trans %} blocks) replaced by
    HOLE, and the unmarked string literals in Jinja parts that look like text (letters and a
    space, or a Danish letter)."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    html_parts, literals = [], []
    depth, marked_from, in_trans = 0, None, False
    previous = None
    for lineno, kind, value in env.lex(source):
        if kind == "data":
            html_parts.append(f" {HOLE} " if in_trans else value)
            continue
        if kind == "whitespace":
            continue
        if kind in ("variable_begin", "block_begin"):
            html_parts.append(f" {HOLE} ")
        if kind == "name" and previous and previous[0] == "block_begin" and value in ("trans", "endtrans"):
            in_trans = value == "trans"
        if kind == "operator" and value == "(":
            depth += 1
            if previous == ("name", True) and marked_from is None:
                marked_from = depth
        elif kind == "operator" and value == ")":
            if marked_from == depth:
                marked_from = None
            depth -= 1
        elif kind == "string" and marked_from is None and re.search(r"[æøåÆØÅ]|[^\W\d_] +[^\W\d_]", value) \
                and "%" not in value:
            literals.append((lineno, value[1:-1]))
        previous = (kind, kind == "name" and value in MARKERS)
    return "".join(html_parts), literals


#: elements whose text is code or data, not language
NOT_READ = {"script", "style", "code", "pre", "kbd", "samp"}


class _TextReader(HTMLParser):
    """Text nodes and read attributes of an HTML skeleton (code, scripts and styles are not language)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_READ:
            self.skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._text(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button") and dict(attrs).get("value"):
            self._text(dict(attrs)["value"])

    def handle_endtag(self, tag):
        if tag in NOT_READ:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self._text(data)

    def _text(self, text):
        words = [w for w in WORD.findall(text.replace(HOLE, " ")) if w not in NOT_LANGUAGE]
        if words:
            self.found.append((self.getpos()[0], " ".join(words)))


def unmarked_template_text(source: str) -> list[str]:
    """Text in a template a person reads that does not go through the catalog: ["line: words"]."""
    skeleton, literals = _skeleton(source)
    reader = _TextReader()
    reader.feed(skeleton)
    reader.close()
    return [f"{line}: {words}" for line, words in reader.found] + [f"{line}: '{text}'" for line, text in literals]


def test_the_detector_finds_unmarked_text_and_passes_marked_text():
    assert unmarked_template_text('<p>{{ _("Gem") }}</p><a title="{{ _(\'Åbn\') }}">{{ x }}</a>') == []
    assert unmarked_template_text("<p>Gem ændringer</p>") == ["1: Gem ændringer"]
    assert unmarked_template_text('<a href="/" aria-label="Til forsiden">{{ _("x") }}</a>') == ["1: Til forsiden"]
    assert unmarked_template_text('{{ "for sent" if late }} {{ url_for("a.b", x="c") }}') == ["1: 'for sent'"]
    assert unmarked_template_text("<script>var t = 'Hej med dig';</script><code>print(svar)</code>") == []


@pytest.mark.parametrize("template", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")))
def test_templates_have_no_unmarked_text(template):
    """Every text a teacher or pupil reads in a template goes through _() into the Danish catalog."""
    assert unmarked_template_text((TEMPLATES / template).read_text(encoding="utf-8")) == []


def _unmarked_flashes(source: str) -> list[int]:
    """Lines of flash() calls whose message is written out (a string or f-string) instead of _()."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash" and node.args
            and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))]


def test_the_flash_check_tells_marked_from_unmarked_messages():
    assert _unmarked_flashes('flash("Gemt.", "ok")\nflash(f"{x} er gemt.")\nflash(_("Gemt."))\nflash(str(e))') == [1, 2]


@pytest.mark.parametrize("module", sorted(p.name for p in PORTAL_CODE.glob("*.py")))
def test_flash_messages_go_through_the_catalog(module):
    assert _unmarked_flashes((PORTAL_CODE / module).read_text(encoding="utf-8")) == []
