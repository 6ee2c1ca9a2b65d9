"""kodefag's Danish language pack for pupils' JupyterLab (locale ``da``), installed as the
top-level package ``jupyterlab_language_pack_da`` (the name JupyterLab looks for).

The published Danish pack (jupyterlab-language-pack-da-DK) translates only a few dozen of
JupyterLab's strings, so a pupil would still read "File", "Edit" and "Kernel". This pack is
that pack plus our own catalog (``*.po`` files here, one per domain), merged at install time
by ``python -m jupyterlab_language_pack_da`` (``make assets``) into ``locale/da/LC_MESSAGES/``,
which JupyterLab reads through the ``jupyterlab.languagepack`` entry point ``da``: the JSON
catalogs in the browser, the compiled ``.mo`` ones on the server (menus and other labels that
come from settings schemas are translated there). Our strings
win where both translate the same text. Pupils' servers select it with the
translation-extension override in hub/singleuser/labconfig/.
"""
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
LOCALE = "da"
OUTPUT = HERE / "locale" / LOCALE / "LC_MESSAGES"
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def upstream_catalogs() -> dict[str, dict]:
    """The published da_DK pack's catalogs by domain ({} when it is not installed)."""
    try:
        import jupyterlab_language_pack_da_DK as upstream
    except ImportError:
        return {}
    folder = Path(upstream.__file__).parent / "locale" / "da_DK" / "LC_MESSAGES"
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}


def own_catalog(path: Path) -> dict[str, list[str]]:
    """msgid -> [msgstr] from one of our .po files (msgctxt joined as JupyterLab does, with \\x04)."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALE)
    entries = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        msgid = message.id[0] if message.pluralizable else message.id  # JupyterLab keys plurals by the singular
        key = f"{message.context}\x04{msgid}" if message.context else msgid
        entries[key] = [message.string] if isinstance(message.string, str) else list(message.string)
    return entries


def build(output: Path = OUTPUT) -> list[Path]:
    """Write the merged catalogs; returns the files written."""
    catalogs = upstream_catalogs()
    for po in sorted(HERE.glob("*.po")):
        catalogs.setdefault(po.stem, {}).update(own_catalog(po))
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for domain, entries in catalogs.items():
        entries[""] = {"domain": domain, "language": LOCALE, "plural_forms": PLURAL_FORMS, "version": "4.0.0"}
        path = output / f"{domain}.json"
        path.write_text(json.dumps(entries, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        write_compiled(entries, output / f"{domain}.mo")
        written.append(path)
    return written


def write_compiled(entries: dict, path: Path) -> None:
    """The same catalog as gettext .mo (jupyterlab_server translates schemas with gettext)."""
    catalog = Catalog(locale=LOCALE)
    for key, strings in entries.items():
        if not key or not isinstance(strings, list) or not strings:
            continue
        context, _, msgid = key.rpartition("\x04")
        catalog.add(msgid, strings[0], context=context or None)
    with path.open("wb") as handle:
        write_mo(handle, catalog)
