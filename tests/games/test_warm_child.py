"""The game child an idle worker starts ahead: one pupil's game each, never reused, never root."""
import os
import sys
import textwrap
from pathlib import Path

import psutil
import pytest

from kodefag.games import runner
from kodefag.games.grading import grade_project
from kodefag.sandbox import Policy, SandboxUnavailable, processes_of
from kodefag.settings import REPO_ROOT

CHECKS = """
title: Test
checks:
  - id: start
    name: Spillet starter
    frames: 2
    expect:
      - that: fundet == 0
        message: Spillet fandt spor efter en anden elev.
"""

#: a game that leaves traces where the next game graded in the same child would find them
LEAVES_TRACES = """
import os
WIDTH = 100
HEIGHT = 100
SPOR = ['/tmp/spor.txt', os.path.join(os.environ['HOME'], 'spor.txt')]
fundet = sum(os.path.exists(spor) for spor in SPOR)
for spor in SPOR:
    open(spor, 'w').write('elev 1 var her')
def draw():
    screen.clear()
"""


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "projekt"
    folder.mkdir()
    (folder / "checks.yaml").write_text(CHECKS, encoding="utf-8")
    return folder


@pytest.fixture
def warm():
    """A ready warm child, as an idle worker leaves it; none is left behind after the test."""
    child = runner.start_warm_child()
    assert child is not None and child.wait_ready(60)
    yield child
    runner.stop_warm_child()


def game_file(tmp_path, source, name="spil.py"):
    folder = tmp_path / "elev"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


def test_a_warm_child_grades_one_pupil_and_is_never_given_a_second(project, tmp_path, warm):
    first = grade_project(project, game_file(tmp_path, LEAVES_TRACES))
    assert first["score"] == first["max_score"] == 1
    assert not warm.alive() and warm.process.returncode is not None  # ended with its one job
    assert not warm.workdir.exists()  # the first pupil's folder is gone with it
    if warm.uid is not None:
        assert not processes_of(warm.uid)
    following = runner.start_warm_child()
    assert following is not warm and following.wait_ready(60)
    second = grade_project(project, game_file(tmp_path, LEAVES_TRACES))
    assert second == first  # no trace of the first pupil's game: a fresh child, /tmp and HOME
    assert not following.alive()


@pytest.mark.skipif(os.geteuid() != 0, reason="a job gets a uid of its own only as root")
def test_the_warm_child_waits_as_a_pool_uid_not_root(warm):
    assert warm.uid not in (None, 0)
    waiting = [pid for pid in processes_of(warm.uid) if "kodefag.games.child" in psutil.Process(pid).cmdline()]
    assert waiting  # the child that imported pygame runs as the pool uid before any job


def test_a_game_cannot_see_another_pupils_files_or_the_next_warm_child(tmp_path, warm):
    """A game graded beside a waiting child (another worker's, or the next job's) finds nothing of it."""
    (warm.workdir / "naeste_elev.py").write_text("HEMMELIGT = 1\n")
    attack = f"""
    import os, signal
    WIDTH = 100
    HEIGHT = 100
    mappe = os.path.exists({str(warm.workdir)!r})
    proces = os.path.exists('/proc/{warm.process.pid}')
    andre = sorted(os.listdir('/tmp'))
    try:
        os.kill({warm.process.pid}, signal.SIGKILL)
    except OSError:
        pass
    """
    with runner.start_child(Policy.GRADING) as child:  # not the warm one: that one waits on
        runner.prepare_job(child.workdir, game_file(tmp_path, attack))
        result = runner.run_scenarios(child, [{"frames": 1, "seed": 0, "events": []}])[0]
    assert result["error"] is None, result
    seen = {name: value for name, value in result["state"]["globals"].items() if name in ("mappe", "proces", "andre")}
    # besides its own folder, /tmp holds only the way to the code when the checkout lives there (read-only)
    code_in_tmp = {Path(path).parts[2] for path in (sys.prefix, REPO_ROOT) if Path("/tmp") in Path(path).parents}
    assert seen == {"mappe": False, "proces": False, "andre": sorted([child.workdir.name, *code_in_tmp])}
    assert warm.alive()


def test_without_bubblewrap_no_warm_child_and_grading_refuses(project, tmp_path, monkeypatch):
    runner.stop_warm_child()
    monkeypatch.setenv("KODEFAG_BWRAP", "/nonexistent/bwrap")
    assert runner.start_warm_child() is None
    with pytest.raises(SandboxUnavailable, match="refusing to run pupil code"):
        grade_project(project, game_file(tmp_path, LEAVES_TRACES))


def test_a_game_cannot_have_the_worker_copy_a_host_file_as_its_screenshot(tmp_path):
    """The worker (root) copies the screenshot out of the game's folder: never through a link the game left."""
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("en fil kun workeren kan læse")
    secret.chmod(0o600)
    game = game_file(tmp_path, f"""
    import os
    WIDTH = 100
    HEIGHT = 100
    os.symlink({str(secret)!r}, 'skaermbillede.png')
    def draw():
        screen.clear()
    """)
    shot = tmp_path / "billede.png"
    result = runner.run_game(game, frames=1, screenshot=shot)
    assert result["error"] is None
    assert not shot.exists()
