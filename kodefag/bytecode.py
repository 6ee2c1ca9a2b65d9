"""Bytecode for kodefag's own modules, written ahead of time.

Sandboxed processes (game runs, micro:bit simulations, notebook kernels) see
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
#: pupils' projects and lessons, and build scripts, are not modules of ours
SKIPPED = re.compile(r"[/\\](projects|lessons|assets_src)[/\\]")


def compile_bytecode() -> None:
    """Compile every module of PACKAGES that has no up-to-date bytecode yet."""
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        for folder in spec.submodule_search_locations or ():
            compileall.compile_dir(folder, rx=SKIPPED, quiet=1)


if __name__ == "__main__":
    compile_bytecode()
