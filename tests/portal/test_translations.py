"""The portal's Danish message catalog: every marked text is in it, translated, and compiled.

The msgids are the Danish texts themselves; da.po is where their wording is kept (and where
another language would start). `make translations` (part of `make install`) compiles it."""
import subprocess
import sys
from pathlib import Path

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


def test_the_build_compiled_the_catalog_flask_babel_reads(tmp_path):
    from flask_babel import gettext

    from kodefag.settings import Settings
    from kodefag.teacher_portal.app import create_app

    compiled = read_mo((CATALOG / "messages.mo").open("rb"))
    source = read_po((CATALOG / "messages.po").open("rb"))
    assert {m.id for m in compiled if m.id} == {m.id for m in source if m.id}, "run make translations"
    app = create_app(Settings(var_dir=tmp_path))
    with app.test_request_context():
        assert gettext("Kommunens tal") == "Kommunens tal"
        assert gettext("%(released)s af %(planned)s", released=3, planned=11) == "3 af 11"
