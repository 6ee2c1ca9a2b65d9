"""The checks library: strict types, plain values, Danish messages."""
import math

import pytest

from kodefag.grader.checks import (
    check_close,
    check_equal,
    check_function,
    check_raises,
    check_true,
)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class MyInt(int):
    pass


class MyStr(str):
    def __eq__(self, other):
        return True


class MyList(list):
    pass


def fails(function, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        function(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize(
    "value",
    [None, True, False, 0, 12, -3, 1.5, "hej", "", [1, 2, [3]], (1, "a"), {"a": [1, 2]}, {1, 2}, [], {}],
)
def test_equal_plain_values_pass(value):
    check_equal(value, value)
    check_equal(__import__("copy").deepcopy(value), value)


def test_message_is_danish_and_short():
    assert fails(check_equal, 13, 12) == "Forventede 12, men fik 13."


def test_custom_message_wins():
    assert fails(check_equal, 13, 12, "Prøv igen") == "Prøv igen"


def test_object_with_always_true_eq_fails():
    assert AlwaysEqual() == 12  # the trick works on plain ==
    message = fails(check_equal, AlwaysEqual(), 12)
    assert "AlwaysEqual" in message


@pytest.mark.parametrize(
    "actual, expected",
    [
        (MyInt(3), 3),
        (MyStr("x"), "x"),
        (MyList([1]), [1]),
        (True, 1),
        (1, True),
        (False, 0),
        (1.0, 1),
        (1, 1.0),
        ((1, 2), [1, 2]),
        ([1, 2], (1, 2)),
        ("12", 12),
    ],
)
def test_wrong_types_fail(actual, expected):
    fails(check_equal, actual, expected)


@pytest.mark.parametrize(
    "actual, expected",
    [
        ([1, [2, True]], [1, [2, 1]]),
        ([1, [2, MyInt(3)]], [1, [2, 3]]),
        ({"a": [AlwaysEqual()]}, {"a": [1]}),
        ({"a": 1, "b": 2}, {"a": 1}),
        ({"a": 1}, {"a": 1, "b": 2}),
        ({1: "x"}, {True: "x"}),
        ({True}, {1}),
        ({1, 2}, {1, 3}),
        ([1, 2, 3], [1, 2]),
        ((1, (2, 3.0)), (1, (2, 3))),
    ],
)
def test_nested_mismatches_fail(actual, expected):
    fails(check_equal, actual, expected)


def test_nested_message_names_position():
    assert "plads 1" in fails(check_equal, [1, 5], [1, 2])
    assert "nøglen 'b'" in fails(check_equal, {"a": 1, "b": 3}, {"a": 1, "b": 2})


def test_subclass_with_eq_inside_dict_value_fails():
    fails(check_equal, {"k": MyStr("anything")}, {"k": "x"})


def test_nan():
    check_equal(float("nan"), float("nan"))
    check_equal([math.nan], [math.nan])
    fails(check_equal, 1.0, float("nan"))
    fails(check_equal, float("nan"), 1.0)
    fails(check_close, float("nan"), 1.0)


def test_huge_values_are_shortened_in_message():
    message = fails(check_equal, "x" * 10_000, "y")
    assert len(message) < 200


def test_unsupported_expected_type_is_an_author_error():
    with pytest.raises(TypeError):
        check_equal(1, object())


def test_check_close():
    check_close(0.1 + 0.2, 0.3)
    check_close(3, 3.0000001)
    check_close(2.5, 2.0, tolerance=0.5)
    assert "cirka" in fails(check_close, 2.6, 2.0, tolerance=0.5)
    fails(check_close, True, 1.0)
    fails(check_close, AlwaysEqual(), 1.0)
    fails(check_close, "1.0", 1.0)


def test_check_true():
    check_true(True, "skal være sand")
    for value in (1, [1], "True", AlwaysEqual(), None):
        assert fails(check_true, value, "skal være sand") == "skal være sand"


def test_check_raises():
    check_raises(ZeroDivisionError, lambda x: 1 / x, 0)
    check_raises(ArithmeticError, lambda x: 1 / x, 0)
    assert "ingen fejl" in fails(check_raises, ValueError, lambda: 1)
    assert "ZeroDivisionError" in fails(check_raises, ValueError, lambda: 1 / 0)


def plain_function():
    return 1


ALWAYS = AlwaysEqual()  # a module-level name that is not a function


def test_check_function():
    check_function(plain_function)
    check_function("plain_function")
    assert "findes ikke" in fails(check_function, "no_such_function")
    fails(check_function, len)
    fails(check_function, AlwaysEqual())
    fails(check_function, "ALWAYS")
    fails(check_function, MyInt)


def test_patched_builtins_do_not_change_checks():
    import builtins

    original_type, original_isinstance = builtins.type, builtins.isinstance
    builtins.type = lambda *args: int
    builtins.isinstance = lambda *args: True
    try:
        outcomes = []
        for actual in ("12", MyInt(12)):
            try:
                check_equal(actual, 12)
                outcomes.append("passed")
            except AssertionError:
                outcomes.append("failed")
    finally:
        builtins.type, builtins.isinstance = original_type, original_isinstance
    assert outcomes == ["failed", "failed"]
