"""Danish messages for errors in a pupil's game, written for a 12-year-old.

Every message names the line of the pupil's own file (never a line inside pgzero
or kodefag), shows that line, and says what to try. The English exception stays
in the operator log; the pupil sees only this.
"""
import linecache
import re
import traceback

from kodefag.games.engine import MAX_SIDE

HOOK_NAMES = {
    "update": "update()",
    "draw": "draw()",
    "on_key_down": "on_key_down()",
    "on_key_up": "on_key_up()",
    "on_mouse_down": "on_mouse_down()",
    "on_mouse_up": "on_mouse_up()",
    "on_mouse_move": "on_mouse_move()",
    "<module>": "toppen af spillet",
}


class GameTimeout(BaseException):
    """Raised by a timer when the pupil's code runs too long in one go.

    A BaseException, so that a pupil's ``except Exception:`` does not swallow it.
    """


def pupil_frame(error, game_path):
    """(line number, function name) of the last traceback frame in the pupil's file."""
    if isinstance(error, SyntaxError) and error.filename == game_path:
        return error.lineno, "<module>"
    found = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == game_path:
            found = (frame.lineno, frame.name)
    return found


def describe(error, game_path):
    """A Danish message for error raised while running the game at game_path.

    Returns a dict: ``message`` (for the pupil) and ``line`` (int or None).
    """
    line, function = pupil_frame(error, game_path)
    text = _explain(error)
    where = ""
    if line:
        where = f"Linje {line}"
        if function and function != "<module>":
            where += f" (i {HOOK_NAMES.get(function, function + '()')})"
        code = linecache.getline(game_path, line).strip()
        if code:
            where += f": {code}\n"
        else:
            where += ":\n"
    return {"message": where + text, "line": line}


def _explain(error):
    """What went wrong and what to do, without the line (describe adds it)."""
    name = type(error).__name__
    detail = str(error)
    if isinstance(error, GameTimeout):
        return (
            "Dit spil blev ved med at regne her og blev aldrig færdigt - måske en løkke, "
            "der aldrig stopper (fx while True). update() og draw() skal være hurtigt "
            "færdige hver gang: brug 'if' i stedet for 'while'."
        )
    if isinstance(error, SyntaxError):
        return _explain_syntax(error)
    if isinstance(error, UnicodeDecodeError):
        return (
            "Din spilfil er ikke gemt som UTF-8, så Python kan ikke læse æ, ø og å i den. "
            "Gem filen igen som UTF-8 (det gør Jupyter af sig selv)."
        )
    if name == "ScreenTooBig":
        return (
            f"Spilvinduets størrelse kan ikke bruges ({detail}). WIDTH og HEIGHT skal være tal "
            f"mellem 1 og {MAX_SIDE}, fx WIDTH = 800 og HEIGHT = 600."
        )
    image = re.search(r"No (image|sound|font) found like '([^']*)'", detail)
    if image:
        kind, wanted = image.groups()
        folder, danish, ending = {
            "image": ("images", "billedet", ".png"),
            "sound": ("sounds", "lyden", ".wav"),
            "font": ("fonts", "skrifttypen", ".ttf"),
        }[kind]
        return (
            f"Spillet kan ikke finde {danish} '{wanted}'. Tjek at der ligger en fil, der hedder "
            f"{wanted}{ending}, i mappen {folder}, og at du har stavet navnet rigtigt "
            "(med små bogstaver og uden endelse, fx Actor('kat'))."
        )
    folder = re.search(r"No '(\w+)' directory found", detail)
    if folder:
        return (
            f"Der er ingen mappe, der hedder '{folder.group(1)}', ved siden af dit spil. "
            "Billeder skal ligge i mappen images, lyde i sounds og musik i music."
        )
    if "InvalidCase" in name or "must be lowercase" in detail or "lowercase" in detail:
        return "Filnavne på billeder og lyde skal skrives med små bogstaver. Omdøb filen og navnet i koden."
    if isinstance(error, UnboundLocalError):
        variable = _quoted(detail)
        return (
            f"Du ændrer variablen '{variable}' inde i en funktion, men Python tror, den er ny. "
            f"Skriv 'global {variable}' som første linje i funktionen, så bruger du den fra "
            "toppen af spillet."
        )
    if isinstance(error, NameError):
        variable = _quoted(detail)
        return (
            f"Python kender ikke navnet '{variable}'. Har du stavet det rigtigt (store og små "
            "bogstaver tæller), og har du lavet det, før du bruger det?"
        )
    if isinstance(error, ZeroDivisionError):
        return "Du dividerer med 0, og det kan man ikke. Tjek hvad tallet under brøkstregen er."
    if isinstance(error, IndexError):
        return (
            "Du prøver at hente en plads i en liste, som ikke findes. Husk at den første plads "
            "er 0, og at listen måske er tom (brug len(listen) til at tjekke)."
        )
    if isinstance(error, KeyError):
        return f"Nøglen {detail} findes ikke i din ordbog (dict). Tjek stavningen."
    if isinstance(error, AttributeError):
        found = re.search(r"'(\w+)' object has no attribute '(\w+)'", detail)
        if found:
            kind, attribute = found.groups()
            return (
                f"En {kind} har ikke noget, der hedder '{attribute}'. Tjek stavningen "
                "(fx x, y, pos, image)."
            )
        return f"Noget i linjen findes ikke: {detail}. Tjek stavningen."
    if isinstance(error, TypeError):
        if "draw() must not take any arguments" in detail:
            return "draw() må ikke have noget i parentesen. Skriv def draw():"
        if "can only concatenate str" in detail or "must be str, not" in detail:
            return (
                "Du prøver at lægge tekst og tal sammen. Lav tallet om til tekst med str(...), "
                "fx 'Point: ' + str(point)."
            )
        return f"Noget har den forkerte type her ({detail}). Tjek hvad du regner med eller kalder."
    if isinstance(error, ValueError):
        return f"En værdi passer ikke her ({detail})."
    if isinstance(error, RecursionError):
        return "En funktion kalder sig selv igen og igen uden at stoppe."
    if isinstance(error, MemoryError):
        return "Dit spil brugte alt for meget hukommelse. Måske vokser en liste uden at stoppe?"
    if isinstance(error, (FileNotFoundError, PermissionError)):
        return f"Spillet kan ikke åbne filen '{getattr(error, 'filename', '')}'. Ligger den i samme mappe som spillet?"
    if name == "InvalidParameter":
        found = re.search(r"(\w+)\(\) hook accepts no parameter (\w+)(?:; did you mean (\w+)\?)?", detail)
        if found:
            hook, wrong, better = found.groups()
            text = f"{hook}() kan ikke have '{wrong}' i parentesen."
            return text + (f" Mente du '{better}'?" if better else "")
        return f"En af dine spil-funktioner har et forkert navn i parentesen ({detail})."
    if name == "error" and "Out of memory" in detail:
        return "Der var ikke hukommelse nok - er spilvinduet (WIDTH og HEIGHT) eller et billede alt for stort?"
    if name == "error" and "video system not initialized" in detail:
        return "Spillet er lukket (pygame.quit()), men prøver at tegne bagefter. Brug exit() for at stoppe spillet."
    return f"Der skete en fejl ({name}: {detail})."


SYNTAX_HINTS = [
    ("expected ':'", "Der mangler et kolon (:) i slutningen af linjen."),
    ("was never closed", "En parentes eller klamme bliver åbnet, men aldrig lukket."),
    ("unmatched", "Der er en parentes eller klamme for meget."),
    ("does not match", "Der er en lukke-parentes, der ikke passer til den, der blev åbnet."),
    ("unterminated string", "En tekst mangler sit slut-anførselstegn (\" eller ')."),
    ("unterminated triple-quoted", "En lang tekst (\"\"\") bliver aldrig afsluttet."),
    ("unexpected indent", "Linjen er rykket for langt ind."),
    ("expected an indented block", "Linjen efter et kolon (:) skal rykkes ind med 4 mellemrum."),
    ("unindent does not match", "Indrykningen passer ikke med linjerne over. Brug 4 mellemrum pr. niveau."),
    ("inconsistent use of tabs", "Du blander tabulator og mellemrum. Brug kun mellemrum."),
    ("Maybe you meant '==' or ':=' instead of '='", "Brug == når du vil sammenligne (fx if x == 5:)."),
    ("invalid character", "Der er et tegn, Python ikke forstår - måske et særligt anførselstegn."),
    ("cannot assign to", "Du kan ikke gemme en værdi der. Til venstre for = skal der stå et variabelnavn."),
    ("'return' outside function", "return må kun stå inde i en funktion."),
]


def _explain_syntax(error):
    detail = error.msg or ""
    for english, danish in SYNTAX_HINTS:
        if english in detail:
            return "Python kan ikke læse din kode her. " + danish
    return (
        "Python kan ikke læse din kode her. Se efter manglende kolon (:), parenteser, "
        "anførselstegn eller forkert indrykning - fejlen kan også være i linjen lige over."
    )


def _quoted(text):
    found = re.search(r"'([^']*)'", text)
    return found.group(1) if found else text
