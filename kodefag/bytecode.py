"""Bytecode for kodefag's own modules, written ahead of time.

Sandboxed processes (game runs, micro:bit simulations, notebook kernels, pupils' servers) see
kodefag's folders read-only and run with PYTHONDONTWRITEBYTECODE, and an
editable install (``make install``) never compiles them, so without this every
one of those processes compiles kodefag's modules again - about a tenth of a
game grading's time. pip does the same for every installed package. Stale
bytecode is harmless: Python checks the source's time stamp and compiles again.
"""
import compileall
import importlib.util
import re

#: packages whose modules run inside the sandbox or on the command line
PACKAGES = ("kodefag", "kodefag.games", "kodefag.grader", "kodefag.microbit")
#: packages of which only the top folder holds modules (kodefag.hub: the pupil's server extensions and
#: kernel extension; its subfolders are the lab extension and the proxy, with their node_modules)
TOP_FOLDER_PACKAGES = ("kodefag.hub", "jupyterlab_language_pack_da")
#: pupils' projects and lessons, and build scripts, are not modules of ours
SKIPPED = re.compile(r"[/\\](projects|lessons|assets_src)[/\\]")


def compile_bytecode() -> None:
    """Compile every module of PACKAGES and TOP_FOLDER_PACKAGES that has no up-to-date bytecode yet."""
    for name in PACKAGES:
        for folder in _folders(name):
            compileall.compile_dir(folder, rx=SKIPPED, quiet=1)
    for name in TOP_FOLDER_PACKAGES:
        for folder in _folders(name):
            compileall.compile_dir(folder, maxlevels=0, quiet=1)


def _folders(package: str) -> list[str]:
    return list(importlib.util.find_spec(package).submodule_search_locations or ())


if __name__ == "__main__":
    compile_bytecode()
