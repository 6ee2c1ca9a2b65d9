"""Play a Pygame Zero game inside a notebook: ``play("mit_spil.py")``.

The game runs in its own process (:mod:`kodefag.games.live`, the same stepping
code the grader uses), so an endless loop or a crash never freezes the pupil's
kernel, and Stop/Start always work. Frames arrive as JPEG and are shown in an
``ipywidgets.Image``; keys and mouse clicks on the picture are read with
ipyevents (keydown *and* keyup, so a held arrow key keeps moving the player and
stops when released) and sent to the game. Errors are shown in Danish with the
line of the pupil's code.
"""
import json
import os
import struct
import sys
import threading
import weakref
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from kodefag import sandbox
from kodefag.games.grading import grade_project
from kodefag.games.runner import LIMITS, PROJECTS_DIR

#: a game being played may use the CPU for as long as a lesson lasts
PLAY_LIMITS = replace(LIMITS, cpu_seconds=3600)
#: browser KeyboardEvent.key -> Pygame Zero key name
SPECIAL_KEYS = {
    "ArrowLeft": "left", "ArrowRight": "right", "ArrowUp": "up", "ArrowDown": "down",
    " ": "space", "Enter": "return", "Escape": "escape", "Tab": "tab", "Backspace": "backspace",
    "Shift": "lshift", "Control": "lctrl", "Alt": "lalt", "Delete": "delete",
    "Home": "home", "End": "end", "PageUp": "pageup", "PageDown": "pagedown",
}
CODE_KEYS = {"ShiftRight": "rshift", "ControlRight": "rctrl", "AltRight": "ralt"}

HELP = "Klik på spillet, og brug tastaturet. Tasterne virker, mens musen er over spillet."


def key_name(event):
    """The Pygame Zero key name for a browser key event, or None."""
    code = event.get("code", "")
    if code in CODE_KEYS:
        return CODE_KEYS[code]
    key = event.get("key", "")
    if key in SPECIAL_KEYS:
        return SPECIAL_KEYS[key]
    if code.startswith("Key") and len(code) == 4:  # layout-independent letters
        return code[3:].lower()
    if code.startswith("Digit") and len(code) == 6:
        return "k_" + code[5]
    if len(key) == 1 and key.isascii() and key.isalnum():
        return key.lower() if key.isalpha() else "k_" + key
    return None


class Player:
    """One game in the notebook: picture, Start/Stop buttons, status line."""

    def __init__(self, game_file, project_dir=None):
        self.game_file = Path(game_file).resolve()
        self.project_dir = project_dir
        self.state = {}
        self.frames_shown = 0
        self.error = None
        self.process = None
        self._lock = threading.Lock()
        self.image = widgets.Image(format="jpeg")
        self.image.add_class("kodefag-spil")
        self.start_button = widgets.Button(description="Start", icon="play", button_style="success")
        self.stop_button = widgets.Button(description="Stop", icon="stop", button_style="danger")
        self.status = widgets.HTML(value=HELP)
        self.output = widgets.Textarea(layout=widgets.Layout(width="100%", height="6em", display="none"),
                                       disabled=True)
        self.check_button = widgets.Button(description="Tjek", icon="check", button_style="info",
                                           layout=widgets.Layout(display="" if project_dir else "none"))
        self.check_result = widgets.HTML()
        for button, name in ((self.start_button, "start"), (self.stop_button, "stop"), (self.check_button, "tjek-knap")):
            button.add_class(f"kodefag-{name}")
        self.start_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.check_button.on_click(lambda _: self.check())
        buttons = widgets.HBox([self.start_button, self.stop_button, self.check_button])
        self.widget = widgets.VBox([self.image, buttons, self.status, self.output, self.check_result])
        self._shown = False
        self._events()
        weakref.finalize(self, _kill, self.__dict__)

    def _events(self):
        from ipyevents import Event

        keys = Event(source=self.image, watched_events=["keydown", "keyup", "mousedown", "mouseup", "mouseleave"],
                     prevent_default_action=True)
        keys.on_dom_event(self._on_event)
        moves = Event(source=self.image, watched_events=["mousemove"], throttle_or_debounce="throttle", wait=40)
        moves.on_dom_event(self._on_event)
        self._event_widgets = (keys, moves)

    # ---- running -------------------------------------------------------------
    def start(self):
        """(Re)start the game from the beginning."""
        self.stop()
        self.error = None
        self.state = {}
        self.status.value = HELP
        self.output.value = ""
        self.output.layout.display = "none"
        process = sandbox.spawn(
            [sys.executable, "-P", "-X", "utf8", "-m", "kodefag.games.live", str(self.game_file)],
            cwd=self.game_file.parent, limits=PLAY_LIMITS, env={"PYGAME_HIDE_SUPPORT_PROMPT": "1"},
        )
        self.process = process
        for reader in (self._read_frames, self._read_prints):
            threading.Thread(target=_quietly, args=(reader, process), daemon=True).start()
        return self

    def stop(self):
        """Stop the game (the last picture stays)."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.write(b'{"stop": true}\n')
            process.stdin.flush()
            process.wait(timeout=1)
        except Exception:
            pass
        sandbox.kill_group(process)
        if self.error is None:
            self.status.value = "Spillet er stoppet. Tryk på Start for at spille igen."

    def check(self):
        """Run the project's checks on the saved game file (in the background) and show the result."""
        if self.project_dir is None:
            return

        def work():
            try:
                self.check_result.value = result_html(check_game(self.project_dir, self.game_file))
            except Exception as error:  # never a traceback for the pupil
                print(f"kodefag.games.player: check failed: {error!r}", file=sys.stderr)
                self.check_result.value = _error_html("Tjekket kunne ikke køre. Prøv igen, eller spørg din lærer.")
            finally:
                self.check_button.disabled = False

        self.check_button.disabled = True
        self.check_result.value = "<i>Tjekker dit spil ...</i>"
        threading.Thread(target=work, daemon=True).start()

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    # ---- from the game -------------------------------------------------------
    def _read_frames(self, process):
        stream = process.stdout
        while True:
            header = stream.read(5)
            if len(header) < 5:
                break
            kind, length = header[:1], struct.unpack(">I", header[1:])[0]
            payload = stream.read(length)
            if kind == b"F":
                self.image.value = payload
                self.frames_shown += 1
            elif kind == b"S":
                self.state = json.loads(payload)
            elif kind == b"E":
                self.error = json.loads(payload)
                self.status.value = _error_html(self.error["message"])
            elif kind == b"Q":
                self.status.value = "Spillet lukkede sig selv. Tryk på Start for at spille igen."
        if process is self.process and self.error is None and process.poll() not in (None, 0):
            self.status.value = _error_html("Spillet stoppede pludselig (måske brugte det for meget hukommelse).")

    def _read_prints(self, process):
        lines = []
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("kodefag.games") or "ALSA lib" in line or "libgcrypt" in line:
                continue
            lines = (lines + [line])[-50:]
            self.output.value = "\n".join(lines)
            self.output.layout.display = "block"

    # ---- to the game ---------------------------------------------------------
    def _send(self, message):
        process = self.process
        if process is None or process.poll() is not None:
            return
        with self._lock:
            try:
                process.stdin.write(json.dumps(message).encode() + b"\n")
                process.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                pass

    def _on_event(self, event):
        kind = event.get("type")
        if kind in ("keydown", "keyup"):
            name = key_name(event)
            if name is None or (kind == "keydown" and event.get("repeat")):
                return
            self._send({"down" if kind == "keydown" else "up": name})
        elif kind == "mouseleave":
            self._send({"release_all": True})  # keys released outside the picture never arrive
        elif kind in ("mousedown", "mouseup", "mousemove"):
            if "dataX" not in event:
                return
            position = [int(event["dataX"]), int(event["dataY"])]
            if kind == "mousemove":
                self._send({"mouse_move": position})
            else:
                button = {0: 1, 1: 2, 2: 3}.get(event.get("button", 0), 1)
                self._send({f"mouse_{kind[5:]}": position, "button": button})

    def _ipython_display_(self):
        if not self._shown:  # play() shows it already; `play(...)` as a cell's last line must not repeat it
            self._shown = True
            display(self.widget)


def _quietly(reader, process):
    """Run a reader thread; when the kernel shuts down under it, end without a traceback."""
    try:
        reader(process)
    except Exception as error:  # widgets closed, pipe gone: nothing left to show
        print(f"kodefag.games.player: {reader.__name__} ended: {error!r}", file=sys.stderr)


def _error_html(message):
    import html

    text = html.escape(message).replace("\n", "<br>")
    return (f'<div class="kodefag-fejl" style="color:#a00;border-left:4px solid #a00;padding-left:8px">'
            f"<b>Fejl i dit spil</b><br>{text}</div>")


def _kill(attributes):
    process = attributes.get("process")
    if process is not None:
        sandbox.kill_group(process)


def _missing(game_file):
    message = (f"Kan ikke finde spillet '{game_file}'. Ligger filen i samme mappe som notesbogen, "
               "og er navnet stavet rigtigt?")
    display(widgets.HTML(_error_html(message)))


def play(game_file, projekt=None):
    """Show the game in the notebook and start it. Returns the Player (p.stop(), p.start()).

    When the game belongs to a game project (the folder is named after it, or
    projekt="spil-labyrint" is given), a Tjek button runs the project's checks.
    """
    if not os.path.isfile(game_file):
        _missing(game_file)
        return None
    player = Player(game_file, project_dir=find_project(game_file, projekt))
    player._ipython_display_()
    return player.start()


def find_project(game_file, projekt=None):
    """The project folder for a game: given by id, or the id is the game's folder name."""
    name = projekt or Path(game_file).resolve().parent.name
    folder = PROJECTS_DIR / str(name)
    return folder if (folder / "checks.yaml").is_file() and folder.parent == PROJECTS_DIR else None


def tjek(game_file, projekt=None):
    """Run the project's checks on the pupil's game and show the result (Danish)."""
    if not os.path.isfile(game_file):
        _missing(game_file)
        return None
    project_dir = find_project(game_file, projekt)
    if project_dir is None:
        names = ", ".join(sorted(p.name for p in _projects()))
        display(widgets.HTML(_error_html(f"Skriv hvilket spilprojekt det er, fx tjek('{game_file}', "
                                         f"projekt='spil-fang-aeblet'). Projekterne hedder: {names}.")))
        return None
    result = check_game(project_dir, game_file)
    display(widgets.HTML(result_html(result)))
    return result


def _projects():
    return [p for p in PROJECTS_DIR.iterdir() if (p / "checks.yaml").is_file()]


def check_game(project_dir, game_file):
    return grade_project(project_dir, game_file, policy=sandbox.Policy.OWN_CODE)


def result_html(result):
    """A check result as HTML for the pupil: points, then what is missing."""
    import html

    lines = [f"<b>Tjek: {result['score']} af {result['max_score']} point</b>"]
    lines += [f"<li>{html.escape(message).replace(chr(10), '<br>')}</li>" for message in result["messages"]]
    return '<div class="kodefag-tjek">' + lines[0] + "<ul>" + "".join(lines[1:]) + "</ul></div>"
