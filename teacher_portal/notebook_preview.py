"""A notebook as read-only HTML inside a portal page (the teacher's preview).

nbconvert renders the cells; everything a pupil wrote (markdown, outputs) is
sanitized with bleach twice over - by nbconvert's SanitizeHTML before rendering
and once more on the finished fragment - so a pupil's notebook can add no script,
form or style to the teacher's page. Remote images that survive as plain
``<img src>`` are blocked by the portal's Content-Security-Policy (``security.py``).
"""
from functools import lru_cache

import bleach
import nbformat
from bleach.css_sanitizer import CSSSanitizer
from nbconvert import HTMLExporter
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets.config import Config

TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ATTRIBUTES = {"*": ["class", "id", "title"], "a": ["href"], "img": ["src", "alt", "width", "height"],
              "td": ["colspan", "rowspan", "style"], "th": ["colspan", "rowspan", "style"]}
PROTOCOLS = {"http", "https", "data", "mailto"}


class NotebookUnreadable(ValueError):
    """The file is not a notebook nbformat can read."""


@lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    config = Config()
    config.HTMLExporter.template_name = "basic"
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.SanitizeHTML.strip = True
    exporter = HTMLExporter(config=config)
    exporter.register_preprocessor(SanitizeHTML(config=config), enabled=True)
    return exporter


def render_notebook(source: str | bytes) -> str:
    """Safe HTML for the cells of a notebook given as JSON text."""
    try:
        notebook = nbformat.reads(source, as_version=4)
    except Exception as error:  # nbformat raises many kinds for broken JSON
        raise NotebookUnreadable(str(error)) from error
    html, _ = _exporter().from_notebook_node(notebook)
    return bleach.clean(html, tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=True,
                        css_sanitizer=CSSSanitizer(allowed_css_properties=["text-align"]))
