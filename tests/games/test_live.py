"""The live game process the notebook player talks to (no browser needed here)."""
import json
import struct
import subprocess
import sys
import time

from kodefag.games.player import Player, key_name


def read_messages(process, until, timeout=20):
    """Messages (kind, payload) from the live process until until(kind, payload) is true."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        header = process.stdout.read(5)
        if len(header) < 5:
            break
        kind, length = header[:1], struct.unpack(">I", header[1:])[0]
        payload = process.stdout.read(length)
        seen.append((kind, payload))
        if until(kind, payload):
            return seen
    raise AssertionError(f"not seen in time; got kinds {[k for k, _ in seen][-10:]}")


def live(game):
    return subprocess.Popen([sys.executable, "-P", "-m", "kodefag.games.live", str(game)], cwd=game.parent,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def test_error_in_update_arrives_in_danish_with_line(make_game):
    game = make_game("""
        n = 0
        def update():
            global n
            n += 1
            if n == 5:
                spiller.x += 1
    """)
    process = live(game)
    try:
        messages = read_messages(process, lambda kind, _: kind == b"E")
        error = json.loads(messages[-1][1])
        assert error["line"] == 6 and "Linje 6 (i update())" in error["message"]
        assert "'spiller'" in error["message"]
    finally:
        process.kill()


def test_endless_update_is_stopped_with_a_message(make_game):
    game = make_game("""
        def update():
            while True:
                pass
    """)
    process = live(game)
    try:
        error = json.loads(read_messages(process, lambda kind, _: kind == b"E")[-1][1])
        assert "aldrig færdigt" in error["message"] and error["line"] == 2
    finally:
        process.kill()


def test_frames_are_jpeg_and_stop_ends_the_process(make_game, mover):
    process = live(make_game(mover))
    frames = read_messages(process, lambda kind, _: kind == b"F")
    assert frames[-1][1][:2] == b"\xff\xd8"  # JPEG
    process.stdin.write(b'{"stop": true}\n')
    process.stdin.flush()
    assert process.wait(timeout=10) == 0


def settled_x(player, timeout=10):
    """The player's x once it has stopped changing (state arrives ten times a second)."""
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        x = player.state.get("actors", [{}])[0].get("x")
        if x is not None and x == previous:
            return x
        previous = x
        time.sleep(0.3)
    raise AssertionError("the player never stood still")


def test_player_holds_and_releases_keys(make_game, mover):
    player = Player(make_game(mover)).start()
    try:
        start = settled_x(player)
        player._on_event({"type": "keydown", "key": "ArrowRight", "code": "ArrowRight"})
        player._on_event({"type": "keydown", "key": "ArrowRight", "code": "ArrowRight", "repeat": True})
        time.sleep(0.5)
        player._on_event({"type": "keyup", "key": "ArrowRight", "code": "ArrowRight"})
        moved = settled_x(player)  # released: it stops
        assert moved > start + 20
        # a key released outside the picture never arrives: leaving the picture releases it
        player._on_event({"type": "keydown", "key": "ArrowRight", "code": "ArrowRight"})
        time.sleep(0.3)
        player._on_event({"type": "mouseleave"})
        assert settled_x(player) > moved
        assert player.frames_shown > 5 and player.error is None
    finally:
        player.stop()
    assert not player.running and "stoppet" in player.status.value


def test_browser_keys_map_to_pgzero_names():
    assert key_name({"key": "ArrowLeft", "code": "ArrowLeft"}) == "left"
    assert key_name({"key": " ", "code": "Space"}) == "space"
    assert key_name({"key": "W", "code": "KeyW"}) == "w"
    assert key_name({"key": "1", "code": "Digit1"}) == "k_1"
    assert key_name({"key": "æ", "code": "Semicolon"}) is None



def test_pupil_checks_own_game_from_the_notebook(tmp_path):
    import shutil

    from kodefag.games.runner import PROJECTS_DIR
    from kodefag.games.player import Player, find_project

    folder = tmp_path / "spil-fang-aeblet"  # the assignment folder is named after the project
    folder.mkdir()
    shutil.copy(PROJECTS_DIR / "spil-fang-aeblet" / "starter.py", folder / "mit_spil.py")
    assert find_project(folder / "mit_spil.py") == PROJECTS_DIR / "spil-fang-aeblet"
    assert find_project(tmp_path / "x.py") is None and find_project(tmp_path / "x.py", "../etc") is None

    player = Player(folder / "mit_spil.py", project_dir=find_project(folder / "mit_spil.py"))
    player.check()
    deadline = time.monotonic() + 60
    while "af 5 point" not in player.check_result.value and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Tjek: 0 af 5 point" in player.check_result.value
    assert "Kurven flyttede sig ikke til venstre" in player.check_result.value
