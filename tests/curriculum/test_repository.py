"""The real curriculum validates: this is how `kodefag curriculum validate` runs in `make test`.

It runs the command as a pupil-facing tool would be run (a subprocess), over the
whole repository: schema, references, coverage, and every notebook, game and
micro:bit lesson graded (solution full marks, starter not).
"""
import subprocess

from kodefag.settings import REPO_ROOT


def test_whole_curriculum_validates():
    result = subprocess.run(
        [str(REPO_ROOT / ".venv/bin/kodefag"), "curriculum", "validate"],
        capture_output=True, text=True, timeout=900, cwd=REPO_ROOT,  # ~130 s on a quiet 2-core machine
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Læseplanen er i orden" in result.stdout
