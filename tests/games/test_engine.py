"""The pgzero internals the engine relies on, and stepping behaviour, pinned by tests.

pgzero 1.2.1 has had no release since 2021; if an upgrade moves any of these
names, these tests fail before a pupil's game does.
"""
import importlib.metadata
import inspect

from kodefag.games.runner import run_game


def test_pinned_versions():
    assert importlib.metadata.version("pgzero") == "1.2.1"
    assert importlib.metadata.version("pygame") == "2.6.1"


def test_pgzero_internals_used_by_the_engine_exist():
    import pgzero.clock
    import pgzero.keyboard
    import pgzero.loaders
    from pgzero.game import PGZeroGame

    for name in ("reinit_screen", "get_update_func", "get_draw_func", "load_handlers", "dispatch_event"):
        assert callable(getattr(PGZeroGame, name)), name
    assert hasattr(pgzero.keyboard.Keyboard, "_press") and hasattr(pgzero.keyboard.Keyboard, "_release")
    assert isinstance(pgzero.keyboard.Keyboard._pressed, set)
    assert callable(pgzero.clock.clock.tick)
    # the body of mainloop() that engine.Game.step() replicates
    source = inspect.getsource(PGZeroGame.mainloop)
    for part in ("keyboard._press", "keyboard._release", "dispatch_event", "pgzclock.tick(dt)", "update(dt)", "draw()"):
        assert part in source, part
    # the loader message that errors.py translates into Danish
    assert "No {type} found like '{name}'" in inspect.getsource(pgzero.loaders.ResourceLoader.load)


def test_runner_reports_globals_actors_and_input(mover, make_game, tmp_path):
    game = make_game(mover)
    shot = tmp_path / "frame.png"
    result = run_game(game, frames=60, keys="right@0-29,space@45", seed=1, screenshot=shot)
    assert result["error"] is None
    assert result["frames"] == 60
    assert result["globals"]["point"] == 1
    assert result["globals"]["tal"] == [1, 2, 3]
    assert result["globals"]["navn"] == "Ida"
    (spiller,) = result["actors"]
    assert spiller["name"] == "spiller" and spiller["image"] == "spiller"
    assert spiller["x"] == 100 + 2 * 30  # held for exactly 30 frames
    assert len(result["actor_lists"]["skud"]) == 1
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_mouse_click_reaches_on_mouse_down(mover, make_game):
    result = run_game(make_game(mover), frames=20, mouse=["click@10:200,50"])
    assert result["actors"][0]["x"] == 200 and result["actors"][0]["y"] == 50


def test_seeded_random_is_repeatable_and_seed_matters(make_game):
    game = make_game("""
        import random
        tal = []
        def update():
            tal.append(random.randint(1, 1000))
    """)
    first = run_game(game, frames=5, seed=3)["globals"]["tal"]
    assert first == run_game(game, frames=5, seed=3)["globals"]["tal"]
    assert first != run_game(game, frames=5, seed=4)["globals"]["tal"]


def test_clock_schedule_fires_in_game_time(make_game):
    game = make_game("""
        fired = 0
        def ring():
            global fired
            fired += 1
        clock.schedule_interval(ring, 0.5)
    """)
    # game time, not wall time: pgzero reschedules from the frame that fired,
    # so each interval drifts by up to one frame
    assert run_game(game, frames=25)["globals"]["fired"] == 0
    assert run_game(game, frames=140)["globals"]["fired"] == 4


def test_cli_prints_json(mover, make_game):
    import json
    import subprocess
    import sys

    game = make_game(mover)
    out = subprocess.run(
        [sys.executable, "-m", "kodefag.cli", "pgzero", "run", str(game), "--frames", "10",
         "--keys", "right@0-4", "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["frames"] == 10 and data["error"] is None
    assert data["actors"][0]["x"] == 110


def test_numpy_tone_and_surfarray_still_work_after_fast_import(make_game):
    game = make_game("""
        import numpy
        tone.play("A4", 0.1)
        tal = numpy.arange(3).tolist()
        bredde = 0
        def draw():
            global bredde
            from pygame import surfarray
            screen.draw.text("hej", (10, 10), shadow=(1, 1))
            bredde = surfarray.array3d(screen.surface).shape[0]
    """)
    result = run_game(game, frames=2)
    assert result["error"] is None
    assert result["globals"]["tal"] == [0, 1, 2] and result["globals"]["bredde"] == 800


def test_typed_text_reaches_on_key_down(make_game):
    game = make_game("""
        tekst = ""
        def on_key_down(key, unicode):
            global tekst
            tekst += unicode
    """)
    assert run_game(game, frames=10, keys="h@1,k_1@3,space@5,A@7")["globals"]["tekst"] == "h1 a"
