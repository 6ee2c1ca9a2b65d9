"""The printable sheet of QR login cards: A4, 8 cards per page (2 x 4), cut along the lines.

Each card holds the pupil's name, class, symbol (picture and word) and the QR code
of the card's login URL. HTML -> PDF with WeasyPrint (fonts from Debian's
fonts-dejavu-core), QR codes as inline SVG from segno: nothing is fetched.
"""
from dataclasses import dataclass

import segno
from markupsafe import Markup, escape
from weasyprint import HTML

from .login_cards import card_url, issue_cards
from .login_pictures import symbol_svg, symbol_word
from .picture_login import ensure_symbols

CARDS_PER_PAGE = 8

CSS = """
@page { size: A4; margin: 8mm; }
html { font-family: "DejaVu Sans", sans-serif; color: #111; }
body { margin: 0; }
.ark { width: 194mm; height: 280mm; page-break-after: always; }
.ark:last-child { page-break-after: auto; }
.kort { float: left; width: 96.8mm; height: 69.8mm; box-sizing: border-box; overflow: hidden;
        border: 0.3mm dashed #888; padding: 4mm; position: relative; }
.qr { position: absolute; top: 4mm; right: 4mm; width: 46mm; height: 46mm; }
.qr svg { width: 46mm; height: 46mm; }
.tekst { width: 41mm; }
.navn { font-size: 15pt; font-weight: bold; margin: 0 0 1mm; line-height: 1.15; }
.klasse { font-size: 12pt; margin: 0 0 2mm; }
.symbol svg { width: 20mm; height: 20mm; }
.symbolord { font-size: 11pt; margin: 0; }
.hjaelp { position: absolute; left: 4mm; right: 4mm; bottom: 3mm; font-size: 8.5pt; color: #333; margin: 0; }
"""


@dataclass(frozen=True)
class Card:
    name: str
    class_name: str
    symbol: str
    url: str


def qr_svg(url: str) -> Markup:
    """The QR code as inline SVG (error correction M survives a scratch or a fold; the standard 4-module margin)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=1, border=4, omitsize=True,
                                                      title="QR-kode til at logge ind"))


def _card_html(card: Card) -> str:
    return (f'<div class="kort"><div class="tekst">'
            f'<p class="navn">{escape(card.name)}</p><p class="klasse">Klasse {escape(card.class_name)}</p>'
            f'<div class="symbol">{symbol_svg(card.symbol, size="20mm")}</div>'
            f'<p class="symbolord">{escape(symbol_word(card.symbol))}</p></div>'
            f'<div class="qr">{qr_svg(card.url)}</div>'
            f'<p class="hjaelp">Hold kortet op foran kameraet, så logger du ind. Pas godt på kortet, '
            f'og giv det ikke til andre.</p></div>')


def cards_html(cards: list[Card]) -> str:
    pages = ["".join(_card_html(card) for card in cards[start:start + CARDS_PER_PAGE])
             for start in range(0, len(cards), CARDS_PER_PAGE)]
    body = "".join(f'<div class="ark">{page}</div>' for page in pages)
    return (f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Login-kort</title>'
            f'<style>{CSS}</style></head><body>{body}</body></html>')


def cards_pdf(cards: list[Card]) -> bytes:
    return HTML(string=cards_html(cards)).write_pdf()


def print_cards(session, school_class, pupils, actor, settings) -> bytes:
    """New cards for these pupils of the class (old ones revoked) as a PDF, in the class's order."""
    symbols = ensure_symbols(session, school_class)
    tokens = issue_cards(session, pupils, actor)
    return cards_pdf([Card(pupil.display_name, school_class.name, symbols[pupil.id],
                           card_url(settings.public_base_url, tokens[pupil.username])) for pupil in pupils])
