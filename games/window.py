"""A real Pygame Zero window for the school tier: TigerVNC's X server plus ``pgzrun``.

The in-notebook player works everywhere; some schools also want the classic
window (real-time clock, sound, the exact pgzero runner). :class:`WindowSession`
starts ``Xtigervnc`` on a free display, reachable only from this machine, and
the game under it with pgzero's own runner. A VNC client - noVNC through
jupyter-remote-desktop-proxy in the pupil's JupyterLab (see games/README.md),
or ``vncviewer`` - shows it and sends keys.

The X server and the game each lead their own process group, and
:meth:`WindowSession.stop` kills both groups, so nothing outlives the session
(Xvnc and the game would otherwise survive a SIGTERM to whatever started them).
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

XVNC = "Xtigervnc"
X_SOCKETS = Path("/tmp/.X11-unix")


class WindowUnavailable(RuntimeError):
    """TigerVNC is not installed (Debian package tigervnc-standalone-server)."""


def free_display():
    """A display number with no X server (no socket, no lock file)."""
    for number in range(20, 120):
        if not (X_SOCKETS / f"X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise WindowUnavailable("no free X display between :20 and :119")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WindowSession:
    """Xtigervnc + the game, stopped together; use as a context manager."""

    def __init__(self, game_file, *, port=None, geometry="1024x768"):
        if shutil.which(XVNC) is None:
            raise WindowUnavailable("Xtigervnc is not installed: apt-get install tigervnc-standalone-server")
        self.game_file = Path(game_file).resolve()
        self.port = port or free_port()
        self.geometry = geometry
        self.display = None
        self.server = None
        self.game = None

    def start(self, timeout=20):
        """Start the X server, then the game; on any failure stop whatever was started."""
        try:
            return self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, timeout):
        self.display = free_display()
        self.server = subprocess.Popen(
            [XVNC, f":{self.display}", "-rfbport", str(self.port), "-localhost", "-SecurityTypes", "None",
             "-AlwaysShared", "-geometry", self.geometry, "-depth", "24"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self._wait_for_server(timeout)
        env = dict(os.environ, DISPLAY=f":{self.display}", SDL_VIDEODRIVER="x11",
                   SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"), PYGAME_HIDE_SUPPORT_PROMPT="1")
        self.game = subprocess.Popen(
            [sys.executable, "-m", "pgzero", str(self.game_file)], cwd=self.game_file.parent, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        return self

    def _wait_for_server(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise WindowUnavailable(f"Xtigervnc stopped at once (exit {self.server.returncode})")
            if (X_SOCKETS / f"X{self.display}").exists():
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return
                except OSError:
                    pass
            time.sleep(0.05)
        raise WindowUnavailable("Xtigervnc did not start in time")

    @property
    def process_groups(self):
        """The session's process groups: the X server's and the game's (each its own session)."""
        return [process.pid for process in (self.server, self.game) if process is not None]

    def stop(self):
        """Stop the game and the X server, and everything either started."""
        groups = self.process_groups
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for group in groups:
                try:
                    os.killpg(group, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and any(_group_alive(g) for g in groups):
                for process in (self.server, self.game):
                    if process is not None:
                        process.poll()
                time.sleep(0.05)
        for process in (self.server, self.game):
            if process is not None:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        self.server = self.game = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _group_alive(group):
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False
