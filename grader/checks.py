"""Checks for notebook tests: small, strict and with Danish messages for pupils.

Test cells in nbgrader source notebooks call these instead of bare ``assert a == b``
because ``==`` can be cheated: an object whose ``__eq__`` always returns True passes
any equality assert. These checks accept only plain values of the exact expected
types (None, bool, int, float, str, list, tuple, dict, set), compared recursively,
so ``True`` is not ``1``, ``1.0`` is not ``1`` and a subclass of ``int`` is not an int.

On failure every check raises ``AssertionError`` with a short Danish message,
for example ``Forventede 12, men fik 13.``

The builtins this module relies on are captured at import time, so a pupil who
later replaces ``builtins.type`` or ``builtins.isinstance`` does not change what
the checks see (the grader also restores builtins before hidden tests run).
"""
import inspect as _inspect
import math as _math
import types as _types

_type = type
_len = len
_repr = repr
_sorted = sorted
_AssertionError = AssertionError
_BaseException = BaseException
_abs = abs
_float = float

#: the plain value types check_equal accepts, with their Danish names
PLAIN_TYPES = {
    _type(None): "ingenting (None)",
    bool: "en sandhedsværdi (bool)",
    int: "et heltal (int)",
    float: "et kommatal (float)",
    str: "en tekst (str)",
    list: "en liste (list)",
    tuple: "en tupel (tuple)",
    dict: "en ordbog (dict)",
    set: "en mængde (set)",
}

#: longest repr shown in a message; pupils' values can be huge
MAX_SHOWN = 80


class _Mismatch(Exception):
    """Internal: carries the Danish reason a value differs from the expected one."""


def _shown(value) -> str:
    """A short, safe repr of a value (never calls a pupil's __repr__)."""
    kind = _type(value)
    if kind not in PLAIN_TYPES:
        return f"et objekt af typen {kind.__name__}"
    text = _repr(value)
    if _len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 3] + "..."
    return text


def _type_name(value) -> str:
    kind = _type(value)
    return PLAIN_TYPES.get(kind, f"typen {kind.__name__}")


def _fail(message, default):
    raise _AssertionError(message or default)


def _compare(actual, expected, where: str) -> None:
    """Raise _Mismatch when ``actual`` is not exactly the plain value ``expected``."""
    expected_type = _type(expected)
    actual_type = _type(actual)
    if expected_type not in PLAIN_TYPES:
        raise TypeError(f"check_equal: expected value of unsupported type {expected_type!r}")
    if actual_type is not expected_type:
        raise _Mismatch(
            f"Forventede {_type_name(expected)}{where}, men fik {_type_name(actual)}: "
            f"{_shown(actual)}."
        )
    if expected_type in (list, tuple):
        if _len(actual) != _len(expected):
            raise _Mismatch(
                f"Forventede {_len(expected)} elementer{where}, men fik {_len(actual)}."
            )
        for index in range(_len(expected)):
            _compare(actual[index], expected[index], f" på plads {index}{where}")
        return
    if expected_type is dict:
        _compare_keys(list(actual.keys()), list(expected.keys()), where)
        for key in expected:
            _compare(dict.__getitem__(actual, key), expected[key], f" under nøglen {_shown(key)}{where}")
        return
    if expected_type is set:
        _compare_keys(list(actual), list(expected), where)
        return
    if expected_type is float and _math.isnan(expected):
        if not _math.isnan(actual):
            raise _Mismatch(f"Forventede nan{where}, men fik {_shown(actual)}.")
        return
    if not (actual == expected):
        raise _Mismatch(f"Forventede {_shown(expected)}{where}, men fik {_shown(actual)}.")


def _compare_keys(actual_keys, expected_keys, where: str) -> None:
    """Dict keys and set members: same plain members (keys are hashable plain values)."""
    for key in actual_keys + expected_keys:
        if _type(key) not in PLAIN_TYPES:
            raise _Mismatch(f"Fandt {_shown(key)}{where}; kun almindelige værdier er tilladt.")
    actual_set = {(_type(key), key) for key in actual_keys}
    expected_set = {(_type(key), key) for key in expected_keys}
    missing = [key for kind, key in expected_set - actual_set]
    extra = [key for kind, key in actual_set - expected_set]
    if missing:
        raise _Mismatch(f"Manglede {_shown(missing[0])}{where}.")
    if extra:
        raise _Mismatch(f"Fik {_shown(extra[0])}{where}, som ikke skulle være der.")


def check_equal(actual, expected, message=None) -> None:
    """Pass only if ``actual`` is exactly the plain value ``expected`` (types included)."""
    try:
        _compare(actual, expected, "")
    except _Mismatch as mismatch:
        _fail(message, str(mismatch))


def check_close(actual, expected, tolerance=1e-6, message=None) -> None:
    """Pass if ``actual`` is an int or float (not bool) within ``tolerance`` of ``expected``."""
    if _type(actual) not in (int, float):
        _fail(message, f"Forventede et tal tæt på {_shown(expected)}, men fik {_type_name(actual)}: {_shown(actual)}.")
    if _math.isnan(actual) or not (_abs(_float(actual) - _float(expected)) <= tolerance):
        _fail(message, f"Forventede cirka {_shown(expected)}, men fik {_shown(actual)}.")


def check_true(value, message) -> None:
    """Pass only if ``value`` is exactly ``True`` (not 1, not a non-empty list)."""
    if value is not True:
        _fail(message, "Forventede True.")


def check_raises(exception_type, function, *args) -> None:
    """Pass if calling ``function(*args)`` raises ``exception_type`` (or a subclass)."""
    name = getattr(exception_type, "__name__", str(exception_type))
    try:
        function(*args)
    except exception_type:
        return
    except _BaseException as other:
        raise _AssertionError(
            f"Forventede fejlen {name}, men fik {_type(other).__name__}."
        ) from None
    raise _AssertionError(f"Forventede fejlen {name}, men der kom ingen fejl.")


def check_function(name_or_obj) -> None:
    """Pass if the name (looked up in the notebook's namespace) or object is a plain function."""
    obj = name_or_obj
    shown = name_or_obj if _type(name_or_obj) is str else getattr(obj, "__name__", "værdien")
    if _type(name_or_obj) is str:
        namespace = _caller_namespace()
        if name_or_obj not in namespace:
            raise _AssertionError(f"Funktionen {name_or_obj} findes ikke. Har du kørt cellen med den?")
        obj = namespace[name_or_obj]
    if _type(obj) is not _types.FunctionType:
        raise _AssertionError(f"{shown} er ikke en almindelig funktion (lavet med def).")


def _caller_namespace() -> dict:
    """The globals of the notebook cell that called check_function."""
    frame = _inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}
