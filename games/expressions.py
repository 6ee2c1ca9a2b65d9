"""A tiny, safe evaluator for the assertions in checks.yaml.

A teacher writes ``kurv.x > start.kurv.x`` or ``point == start.point + 1`` or
``len(skud) == 0``; this evaluates such expressions over plain data (the game's
state as the runner reports it) with Python's own parser but only a whitelist of
node types - no calls except a few pure builtins, no dunder access. It runs
outside the sandbox, on data, never on the pupil's objects.

Names: the state after the last frame (globals, actors, lists of actors),
``start`` (the state before the first frame), ``frame[N]`` (after N frames),
``ended`` (the game closed itself), ``frames`` (frames run).
"""
import ast
import operator


class MissingName(Exception):
    """A name the assertion needs is not in the game (e.g. the pupil renamed it)."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


class ExpressionError(ValueError):
    """The assertion itself is not valid (an error in checks.yaml, not in the game)."""


FUNCTIONS = {"len": len, "abs": abs, "min": min, "max": max, "round": round, "int": int,
             "float": float, "str": str, "bool": bool, "sum": sum, "sorted": sorted, "set": set}
BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
          ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}
COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
           ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b,
           ast.NotIn: lambda a, b: a not in b, ast.Is: operator.is_, ast.IsNot: operator.is_not}
UNARY = {ast.Not: operator.not_, ast.USub: operator.neg, ast.UAdd: operator.pos}


def parse(text):
    """Parse an assertion; raise ExpressionError if it uses anything not allowed."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"cannot parse {text!r}: {error.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ExpressionError(f"private attribute in {text!r}")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise ExpressionError(f"only {sorted(FUNCTIONS)} may be called in {text!r}")
    return tree


def frames_used(tree):
    """The N of every ``frame[N]`` in the assertion (the runner must snapshot those)."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and node.value.id == "frame" and isinstance(node.slice, ast.Constant)):
            found.add(int(node.slice.value))
    return found


def evaluate(tree, names):
    """Value of the parsed assertion with names (a dict of plain data)."""
    return _eval(tree.body, names)


def _eval(node, names):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in FUNCTIONS:
            return FUNCTIONS[node.id]
        raise MissingName(node.id)
    if isinstance(node, ast.Attribute):
        value = _eval(node.value, names)
        if isinstance(value, dict) and node.attr in value:
            return value[node.attr]
        raise MissingName(_dotted(node))
    if isinstance(node, ast.Subscript):
        value = _eval(node.value, names)
        key = _eval(node.slice, names)
        try:
            return value[key]
        except (KeyError, IndexError, TypeError):
            raise MissingName(f"{_dotted(node.value)}[{key!r}]") from None
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_eval(item, names) for item in node.elts]
    if isinstance(node, ast.BoolOp):
        values = (_eval(item, names) for item in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        return UNARY[type(node.op)](_eval(node.operand, names))
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        return BINARY[type(node.op)](_eval(node.left, names), _eval(node.right, names))
    if isinstance(node, ast.Compare):
        left = _eval(node.left, names)
        for op, right_node in zip(node.ops, node.comparators):
            right = _eval(right_node, names)
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _eval(node.body, names) if _eval(node.test, names) else _eval(node.orelse, names)
    if isinstance(node, ast.Call):
        function = FUNCTIONS[node.func.id]
        return function(*[_eval(argument, names) for argument in node.args])
    raise ExpressionError(f"{type(node).__name__} is not allowed in checks")


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def state_names(state):
    """Flatten a runner state into the names an assertion sees."""
    names = {}
    if not state:
        return names
    names.update(state.get("globals", {}))
    names.update(state.get("actor_lists", {}))
    for actor in state.get("actors", []):
        names[actor["name"]] = actor
    return names
