"""*Læs op*: task texts for grades 0-4 read aloud in Danish, by espeak-ng on the server.

The text is the activity's own task text from the curriculum (never text a request
sends, so nobody can make the server speak arbitrary text). espeak-ng's Danish
voice (``espeak-ng -v da``, Debian package ``espeak-ng``) turns it into a WAV file
once; the file is kept under ``var/laes-op/`` named by a hash of voice, speed and
text, so a changed text gets a new file and a class of 25 pressing the button at
once costs one synthesis. Nothing goes over the network.
"""
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import mistune

from kodefag.curriculum.schema import Activity
from kodefag.settings import REPO_ROOT

ESPEAK = "espeak-ng"
VOICE = "da"
#: words per minute: a little slower than espeak's 175, for children
SPEED = 140
#: the grades whose task texts get a *Læs op* button
GRADES = range(0, 5)
#: longest text read aloud (a task text is far shorter; this bounds the work per file)
MAX_CHARS = 6000
TIMEOUT_SECONDS = 60


class ReadAloudUnavailable(RuntimeError):
    """espeak-ng is missing or failed (English, for the operators' log)."""


def task_markdown(activity: Activity) -> str | None:
    """The pupil's task text (Markdown) of an activity, or None if it has none.

    Activities without a computer point at a Markdown file; games and micro:bit
    lessons at a folder with README.md."""
    path = REPO_ROOT / activity.content
    if path.is_dir():
        path = path / "README.md"
    return path.read_text(encoding="utf-8") if path.is_file() and path.suffix == ".md" else None


def has_read_aloud(activity: Activity) -> bool:
    return activity.grade in GRADES and task_markdown(activity) is not None


#: a heading that starts the teacher's part of a task text: reading stops there
TEACHER_PART = re.compile(r"^#+\s*Til læreren", re.M | re.I)


def speakable_text(markdown: str) -> str:
    """The pupil's words of a Markdown text: no teacher's part, code blocks, tags or markup."""
    markdown = TEACHER_PART.split(markdown, 1)[0]
    rendered = mistune.create_markdown(escape=True)(markdown)
    rendered = re.sub(r"<pre>.*?</pre>", " ", rendered, flags=re.S)
    rendered = re.sub(r"</(p|h\d|li|tr|blockquote)>", ".\n", rendered)
    rendered = re.sub(r"</?(code|strong|em|a)\b[^>]*>", "", rendered)  # inside a sentence
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    text = re.sub(r"\.(\s*\.)+", ".", text)
    return re.sub(r"[ \t]+", " ", text).strip()[:MAX_CHARS]


def speech_file(text: str, cache_dir: Path) -> Path:
    """The WAV file of the text read in Danish (made once, then reused)."""
    key = hashlib.sha256(f"{VOICE}\n{SPEED}\n{text}".encode()).hexdigest()
    path = cache_dir / f"{key}.wav"
    if path.is_file():
        return path
    espeak = shutil.which(ESPEAK)
    if espeak is None:
        raise ReadAloudUnavailable("espeak-ng is not installed (Debian package espeak-ng)")
    try:
        result = subprocess.run([espeak, "-v", VOICE, "-s", str(SPEED), "--stdin", "--stdout"],
                                input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise ReadAloudUnavailable(f"espeak-ng took more than {TIMEOUT_SECONDS} s") from error
    if result.returncode != 0 or not result.stdout.startswith(b"RIFF"):
        raise ReadAloudUnavailable(f"espeak-ng failed ({result.returncode}): {result.stderr[-300:]!r}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    # written beside the final name and renamed, so a reader never sees half a file
    handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(result.stdout)
    os.replace(temporary, path)
    return path
