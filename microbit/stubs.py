"""The micro:bit MicroPython API, read from the official type stubs.

PyPI ``micropython-microbit-stubs-en`` ships the .pyi files the micro:bit
Python Editor uses for autocomplete. We only need to know which names exist
(modules, functions, classes, their attributes) and how functions are called,
so the .pyi files are parsed with :mod:`ast` - no type checker.

Parsing them costs a new ``kodefag microbit build`` process more than uflash's
whole run, so ``make install`` parses them once (``python -m
kodefag.microbit.runtimes``, beside the prepared runtimes) into an index, a
file per module in ``microbit/firmware/api/`` (stored as the runtimes' metadata
is, see kodefag.microbit.hexbuild). A process reads the modules
a program uses; if the index is missing or from another schema, it builds the
same index from the stubs itself.
"""
from __future__ import annotations

import ast
import sysconfig
from collections import namedtuple
from functools import lru_cache
from pathlib import Path

from kodefag.microbit.hexbuild import FIRMWARE_DIR, read_prepared, write_prepared

#: the prepared index (see the module's docstring): a file per module and the list of modules
INDEX_DIR = FIRMWARE_DIR / "api"
MODULES_FILE = "modules.marshal"
#: bump when the index changes form
SCHEMA = 2

#: Something a name can refer to. ``kind`` is "module", "class", "instance", "function", "value" or
#: "module_or_member" (a re-export the stubs do not resolve); ``name`` is the module's name, the class's
#: qualified name ("microbit.Image") or the name itself; a function has one signature per (overloaded)
#: definition (see :func:`signature`).
Entity = namedtuple("Entity", "kind name signatures", defaults=((),))


def signature(arguments: ast.arguments, is_method: bool) -> dict:
    """How a function is called, in plain data: its parameter names, which need a value, and the type
    annotations that are a plain name (``int``, ``str``). A method's ``self`` is left out."""
    positional = [a for a in arguments.posonlyargs + arguments.args]
    if is_method and positional:
        positional = positional[1:]
    parameters = positional + arguments.kwonlyargs
    return {
        "positional": [a.arg for a in positional],
        "defaults": min(len(arguments.defaults), len(positional)),
        "vararg": arguments.vararg is not None,
        "keyword_only": [a.arg for a in arguments.kwonlyargs],
        "keyword_required": [a.arg for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is None],
        "kwarg": arguments.kwarg is not None,
        "annotations": {a.arg: a.annotation.id for a in parameters if isinstance(a.annotation, ast.Name)},
    }


# ------------------------------------------------------------ reading the stubs
def stubs_dir() -> Path:
    """Where pip put the stubs' ``stdlib`` folder."""
    for key in ("purelib", "platlib"):
        candidate = Path(sysconfig.get_paths()[key]) / "stdlib"
        if (candidate / "microbit" / "__init__.pyi").exists():
            return candidate
    raise FileNotFoundError("micropython-microbit-stubs-en is not installed")


def _function(members: dict, node: ast.FunctionDef, is_method: bool) -> None:
    """Record a function and its signature (overloads add more signatures)."""
    decorators = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
    entity = members.get(node.name)
    if entity is None or entity.kind != "function":
        entity = Entity("function", node.name, [])
        members[node.name] = entity
    entity.signatures.append(signature(node.args, is_method and "staticmethod" not in decorators))


class _StubReader:
    """Parses every stub file and resolves ``from x import *``, re-exports and base classes."""

    def __init__(self, root: Path):
        #: module name -> its own members; star imports; class qualname -> (own members, base qualnames)
        self.members: dict[str, dict[str, Entity]] = {}
        self.star_imports: dict[str, list[str]] = {}
        self.classes: dict[str, tuple[dict[str, Entity], list[str]]] = {}
        for path in sorted(root.rglob("*.pyi")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            if not parts or parts[0].startswith("_") or parts[0] in ("typing", "typing_extensions", "types"):
                continue
            self._read_module(".".join(parts), path, path.name == "__init__.pyi")

    def _read_module(self, name: str, path: Path, is_package: bool) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        members: dict[str, Entity] = {}
        self.members[name], self.star_imports[name] = members, []
        package = name if is_package else name.rpartition(".")[0]
        local_classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                self._read_import(name, node, package)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _function(members, node, is_method=False)
            elif isinstance(node, ast.ClassDef):
                qualname = f"{name}.{node.name}"
                members[node.name] = Entity("class", qualname)
                self._read_class(qualname, node, name, local_classes)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                members[node.target.id] = _annotated(node.annotation, name, local_classes)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        members[target.id] = Entity("value", target.id)

    def _read_import(self, module: str, node: ast.ImportFrom, package: str) -> None:
        base = node.module or ""
        if node.level:
            base = ".".join(filter(None, [package, base])) if node.level == 1 else base
        for alias in node.names:
            if alias.name == "*":
                self.star_imports[module].append(base)
            elif alias.asname == alias.name:  # explicit re-export in a stub
                target = f"{base}.{alias.name}" if base else alias.name
                self.members[module][alias.name] = Entity("module_or_member", target)

    def _read_class(self, qualname: str, node: ast.ClassDef, module: str, local_classes: set[str]) -> None:
        members: dict[str, Entity] = {}
        bases = [f"{module}.{b.id}" for b in node.bases if isinstance(b, ast.Name) and b.id in local_classes]
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _function(members, item, is_method=True)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                members[item.target.id] = _annotated(item.annotation, module, local_classes)
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        members[target.id] = Entity("value", target.id)
            elif isinstance(item, ast.ClassDef):
                members[item.name] = Entity("value", item.name)
        self.classes[qualname] = (members, bases)

    # -- resolving ----------------------------------------------------------
    def module_members(self, name: str, _seen: frozenset = frozenset()) -> dict[str, Entity]:
        """Public members of a module, following ``from x import *`` in the stubs."""
        if name not in self.members or name in _seen:
            return {}
        members: dict[str, Entity] = {}
        for star in self.star_imports[name]:
            members.update(self.module_members(star, _seen | {name}))
        for key, entity in self.members[name].items():
            members[key] = self._resolve_reexport(entity)
        return {k: v for k, v in members.items() if not k.startswith("_")}

    def _resolve_reexport(self, entity: Entity) -> Entity:
        if entity.kind != "module_or_member":
            return entity
        if entity.name in self.members:
            return Entity("module", entity.name)
        owner, _, member = entity.name.rpartition(".")
        return self.members.get(owner, {}).get(member, Entity("value", member))

    def class_members(self, qualname: str) -> dict[str, Entity]:
        """A class's members, its base classes' included."""
        own, bases = self.classes[qualname]
        members: dict[str, Entity] = {}
        for base in bases:
            members.update(self.class_members(base))
        members.update(own)
        return members


def _annotated(annotation: ast.expr, module: str, local_classes: set[str]) -> Entity:
    if isinstance(annotation, ast.Name) and annotation.id in local_classes:
        return Entity("instance", f"{module}.{annotation.id}")
    return Entity("value", "")


def build_index(root: Path) -> dict[str, dict]:
    """The whole API as plain data, per module: its public members and its classes' members (bases
    included), all resolved."""
    reader = _StubReader(root)
    index = {name: {"members": _plain(reader.module_members(name)), "classes": {}} for name in reader.members}
    for qualname in reader.classes:
        index[qualname.rpartition(".")[0]]["classes"][qualname] = _plain(reader.class_members(qualname))
    return index


def _plain(members: dict[str, Entity]) -> dict[str, tuple]:
    """Entities as plain tuples, which the prepared index can store (see :func:`_entities`)."""
    return {key: tuple(entity) for key, entity in members.items()}


def prepare(folder: Path = INDEX_DIR) -> None:
    """Write the index for ``make install``: one file per module, so that a check reads only the
    modules a program uses (the built-ins alone are most of the index), and the list of modules last
    (a folder with it is complete)."""
    folder.mkdir(parents=True, exist_ok=True)
    index = build_index(stubs_dir())
    for name, module in index.items():
        write_prepared(_module_file(folder, name), module)
    write_prepared(folder / MODULES_FILE, {"schema": SCHEMA, "modules": sorted(index)})


def _module_file(folder: Path, name: str) -> Path:
    return folder / f"{name}.marshal"


# ------------------------------------------------------------------ lookups
class MicrobitApi:
    """Lookup of names in the micro:bit API (modules, classes and their members).

    ``read_module(name)`` gives a module's part of the index (see :func:`build_index`); it is called
    once per module, the first time a program uses that module.
    """

    def __init__(self, module_names, read_module):
        self.module_names = set(module_names)
        self._read_module = read_module
        self._modules: dict[str, tuple[dict[str, Entity], dict[str, dict[str, Entity]]]] = {}

    def has_module(self, name: str) -> bool:
        return name in self.module_names

    def _module(self, name: str) -> tuple[dict[str, Entity], dict[str, dict[str, Entity]]]:
        """(members, {class qualname: members}) of a module, read on first use."""
        if name not in self._modules:
            data = self._read_module(name) if name in self.module_names else {"members": {}, "classes": {}}
            self._modules[name] = (_entities(data["members"]),
                                   {qualname: _entities(members) for qualname, members in data["classes"].items()})
        return self._modules[name]

    def module_members(self, name: str) -> dict[str, Entity]:
        """Public members of a module (empty for an unknown module)."""
        return self._module(name)[0]

    def class_members(self, qualname: str) -> dict[str, Entity]:
        """A class's members, its base classes' included (empty for an unknown class)."""
        return self._module(qualname.rpartition(".")[0])[1].get(qualname, {})

    def members_of(self, entity: Entity) -> dict[str, Entity] | None:
        """Attributes an entity has, or None when we cannot know (then nothing is checked)."""
        if entity.kind == "module":
            return self.module_members(entity.name)
        if entity.kind in ("class", "instance"):
            return self.class_members(entity.name)
        return None


def _entities(members: dict) -> dict[str, Entity]:
    """Members as Entities (the index holds them as plain tuples)."""
    return {key: Entity(*entity) for key, entity in members.items()}


def _prepared_api(folder: Path) -> MicrobitApi | None:
    try:
        listing = read_prepared(folder / MODULES_FILE)
    except (OSError, ValueError):
        return None
    if not isinstance(listing, dict) or listing.get("schema") != SCHEMA:
        return None
    return MicrobitApi(listing["modules"], lambda name: read_prepared(_module_file(folder, name)))


@lru_cache(maxsize=1)
def api() -> MicrobitApi:
    """The micro:bit API (once per process): the index ``make install`` prepared, or one built now."""
    prepared = _prepared_api(INDEX_DIR)
    if prepared is not None:
        return prepared
    index = build_index(stubs_dir())
    return MicrobitApi(index, index.__getitem__)
