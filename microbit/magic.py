"""``%%microbit``: run a notebook cell in the micro:bit simulator and watch the LEDs.

    %load_ext kodefag.microbit.magic

    %%microbit --seconds 10 --press a@1000 shake@2500
    from microbit import *
    ...

The cell runs in the sandboxed virtual-time simulator. The 5x5 display is
replayed with ipywidgets (a Play widget linked in the browser to a stack of
frames, so it animates without the kernel and without any CDN), followed by
what the program printed, a Danish error if there was one, and a "Hent .hex"
button that builds the Universal Hex for dragging onto the MICROBIT drive.
The trace is also stored in the variable ``microbit_trace``.
"""
from __future__ import annotations

import base64
import html
import shlex

from kodefag.microbit.simulator.hardware import BLANK, Image, text_frames

#: the display is sampled every STEP_MS of virtual time for the replay
STEP_MS = 100
MAX_FRAMES = 600
SHOW_DELAY_MS = 400


def frames_from_trace(trace: dict, step_ms: int = STEP_MS) -> list[str]:
    """The display as one 5x5 frame ('09090:...') per ``step_ms`` of virtual time.

    Scrolled and shown text is expanded into pixel frames with the micro:bit's font.
    """
    timeline: list[tuple[int, str]] = []
    for event in trace.get("display_events", []):
        ms, kind, value = event["ms"], event["kind"], event["value"]
        if kind == "frame":
            timeline.append((ms, value))
        elif kind == "scroll":
            timeline += [(ms + offset, frame) for offset, frame in text_frames(value)]
        elif kind == "show":
            for i, ch in enumerate(value):
                timeline.append((ms + i * SHOW_DELAY_MS, Image(ch).rows() if ord(ch) < 127 else BLANK))
    timeline.sort(key=lambda item: item[0])
    end = max(int(trace.get("ms", 0)), timeline[-1][0] if timeline else 0)
    steps = min(MAX_FRAMES, end // step_ms + 1)
    frames, current, index = [], BLANK, 0
    for step in range(steps):
        now = step * step_ms
        while index < len(timeline) and timeline[index][0] <= now:
            current = timeline[index][1]
            index += 1
        frames.append(current)
    return frames


def frame_html(frame: str, size: int = 18) -> str:
    """One frame as a small HTML grid of red LEDs (inline styles only)."""
    cells = []
    for row in frame.split(":"):
        for ch in row.ljust(5, "0")[:5]:
            level = int(ch) if ch.isdigit() else 0
            colour = f"rgba(255,40,40,{0.25 + level / 12:.2f})" if level else "#3a0000"
            cells.append(f'<div style="width:{size}px;height:{size}px;border-radius:3px;background:{colour}"></div>')
    return ('<div style="display:grid;grid-template-columns:repeat(5,%dpx);gap:5px;background:#1c1c1c;'
            'padding:9px;width:max-content;border-radius:6px">%s</div>' % (size, "".join(cells)))


def hex_link(source: str) -> str:
    """A download link for the program's Universal Hex (data: URL, nothing fetched)."""
    from kodefag.microbit.check import check_source, has_errors, report
    from kodefag.microbit.hexbuild import BuildError, build_hex

    problems = check_source(source)
    if has_errors(problems):
        return f"<pre>{html.escape(report(problems))}</pre>"
    try:
        data = build_hex({"main.py": source})
    except BuildError as error:
        return f"<p>{html.escape(str(error))}</p>"
    encoded = base64.b64encode(data.encode("ascii")).decode("ascii")
    return (f'<a download="microbit.hex" href="data:application/octet-stream;base64,{encoded}">'
            "Klik her for at gemme microbit.hex</a> - træk derefter filen over på drevet MICROBIT.")


def build_view(source: str, trace: dict):
    """The widget shown under the cell."""
    import ipywidgets as widgets

    frames = frames_from_trace(trace)
    stack = widgets.Stack([widgets.HTML(frame_html(f)) for f in frames], selected_index=0)
    play = widgets.Play(value=0, min=0, max=max(0, len(frames) - 1), step=1, interval=STEP_MS,
                        description="Afspil", repeat=False)
    slider = widgets.IntSlider(value=0, min=0, max=max(0, len(frames) - 1), description="Tid",
                               readout=False, layout=widgets.Layout(width="260px"))
    widgets.jslink((play, "value"), (slider, "value"))
    widgets.jslink((play, "value"), (stack, "selected_index"))
    serial = trace.get("serial") or ""
    parts = [widgets.HBox([play, slider]), stack]
    parts.append(widgets.HTML(f"<b>Udskrift (print):</b><pre>{html.escape(serial) or '(ingenting)'}</pre>"))
    message = trace.get("error") or f"Ingen fejl - {trace.get('ms', 0) / 1000:g} sekunder simuleret."
    parts.append(widgets.HTML(f"<p>{html.escape(message)}</p>"))
    download = widgets.Button(description="Hent .hex", icon="download", tooltip="Byg .hex-filen til micro:bit")
    link = widgets.HTML()

    def on_download(_button):
        link.value = hex_link(source)

    download.on_click(on_download)
    parts.append(widgets.HBox([download, link]))
    view = widgets.VBox(parts)
    view.frames = frames
    view.download_button = download
    view.download_link = link
    return view


def parse_arguments(line: str) -> dict:
    """``--seconds 10 --press a@1000 shake@2500 --seed 1 --boards 2`` (Danish errors)."""
    from kodefag.microbit.simulator import InputError

    options = {"seconds": 10.0, "inputs": [], "seed": 0, "boards": 1}
    words = shlex.split(line or "")
    key = None
    for word in words:
        if word in ("--seconds", "--seed", "--boards", "--press", "--input"):
            key = "inputs" if word in ("--press", "--input") else word[2:]
            continue
        if key is None:
            raise InputError(f"Ukendt indstilling '{word}'. Brug --seconds, --press, --seed eller --boards.")
        if key == "inputs":
            options["inputs"] += [part for part in word.split(",") if part]
            continue
        try:
            options[key] = float(word) if key == "seconds" else int(word)
        except ValueError:
            raise InputError(f"'{word}' er ikke et tal.") from None
        key = None
    options["seconds"] = min(max(options["seconds"], 0.1), 120)
    options["boards"] = min(max(options["boards"], 1), 8)
    return options


def run_cell(line: str, cell: str, shell=None):
    """The magic's body: simulate, store the trace, show the widget."""
    from IPython.display import display

    from kodefag.microbit.simulator import InputError, Policy, simulate

    try:
        options = parse_arguments(line)
        # the pupil's own kernel runs their code anyway: a limited child process is enough here
        trace = simulate(cell, seconds=options["seconds"], inputs=options["inputs"], seed=options["seed"],
                         boards=options["boards"], policy=Policy.OWN_CODE)
    except InputError as error:
        display(_message(str(error)))
        return None
    if shell is not None:
        shell.user_ns["microbit_trace"] = trace
    view = build_view(cell, trace)
    display(view)
    return None


def _message(text: str):
    import ipywidgets as widgets

    return widgets.HTML(f"<p>{html.escape(text)}</p>")


def load_ipython_extension(ipython) -> None:
    """``%load_ext kodefag.microbit.magic`` registers ``%%microbit``."""
    def microbit(line, cell):
        return run_cell(line, cell, ipython)

    microbit.__doc__ = __doc__
    ipython.register_magic_function(microbit, magic_kind="cell", magic_name="microbit")
