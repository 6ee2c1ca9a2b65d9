"""``python -m jupyterlab_language_pack_da``: build the merged Danish catalogs (run by ``make assets``)."""
from . import OUTPUT, build

print(f"kodefag language pack: {len(build())} catalogs in {OUTPUT}")
