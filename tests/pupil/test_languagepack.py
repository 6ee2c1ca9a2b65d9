"""The pupils' Danish JupyterLab: the published da_DK pack plus our own catalog, served by jupyterlab_server."""
import json

from jupyterlab_server.translation_utils import get_language_pack

import jupyterlab_language_pack_da as languagepack


def test_build_merges_our_catalog_over_the_published_pack(tmp_path):
    written = {path.stem: path for path in languagepack.build(tmp_path)}
    catalog = json.loads(written["jupyterlab"].read_text(encoding="utf-8"))
    assert catalog["File"] == ["Fil"] and catalog["Edit"] == ["Rediger"] and catalog["Kernel"] == ["Kerne"]
    assert catalog["Add Tag"] == ["Tilføj Etiket"]  # the published pack's own strings stay
    assert catalog[""]["domain"] == "jupyterlab" and catalog[""]["language"] == "da"
    assert "notebook" in written  # the other domains of the published pack come along
    # plural strings (the notebook toolbar's tooltips) are keyed by the singular, both forms kept
    assert catalog["Copy this cell"] == ["Kopiér cellen", "Kopiér de %1 celler"]


def test_jupyterlab_serves_the_pack_as_locale_da():
    """Through the jupyterlab.languagepack entry point, as a pupil's server reads it (after make install)."""
    data, message = get_language_pack("da")
    assert message == ""
    assert data["jupyterlab"]["File"] == ["Fil"]
    assert data["jupyterlab"]["Save and create checkpoint"] == ["Gem"]
