"""The micro:bit MicroPython API, read from the official type stubs.

PyPI ``micropython-microbit-stubs-en`` ships the .pyi files the micro:bit
Python Editor uses for autocomplete. We only need to know which names exist
(modules, functions, classes, their attributes), so the .pyi files are parsed
with :mod:`ast` - no type checker.
"""
from __future__ import annotations

import ast
import sysconfig
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass
class Entity:
    """Something a name can refer to: a module, a class, an instance of a class, other."""

    kind: str  # "module" | "class" | "instance" | "function" | "value"
    name: str  # module name, class qualified name ("microbit.Image"), or the name itself
    #: for functions: one ast.arguments per (overloaded) definition, without ``self``
    signatures: list = field(default_factory=list, compare=False, repr=False)


@dataclass
class StubClass:
    qualname: str
    members: dict[str, Entity] = field(default_factory=dict)
    bases: list[str] = field(default_factory=list)  # qualified names


@dataclass
class StubModule:
    name: str
    members: dict[str, Entity] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)


def _add_function(members: dict, node: ast.FunctionDef, is_method: bool) -> None:
    """Record a function and its signature (overloads add more signatures)."""
    arguments = node.args
    decorators = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
    if is_method and "staticmethod" not in decorators:
        positional = arguments.posonlyargs + arguments.args
        if positional:
            arguments = ast.arguments(posonlyargs=[], args=positional[1:], vararg=arguments.vararg,
                                      kwonlyargs=arguments.kwonlyargs, kw_defaults=arguments.kw_defaults,
                                      kwarg=arguments.kwarg, defaults=arguments.defaults[-(len(positional) - 1):]
                                      if len(positional) > 1 and arguments.defaults else [])
    entity = members.get(node.name)
    if entity is None or entity.kind != "function":
        entity = members[node.name] = Entity("function", node.name)
    entity.signatures.append(arguments)


def stubs_dir() -> Path:
    """Where pip put the stubs' ``stdlib`` folder."""
    for key in ("purelib", "platlib"):
        candidate = Path(sysconfig.get_paths()[key]) / "stdlib"
        if (candidate / "microbit" / "__init__.pyi").exists():
            return candidate
    raise FileNotFoundError("micropython-microbit-stubs-en is not installed")


class MicrobitApi:
    """Lookup of names in the micro:bit API (modules, classes and their members).

    A stub file is parsed the first time a program uses its module: a typical
    program touches three of the forty files, and parsing them all costs more
    than the rest of a ``kodefag microbit build``.
    """

    def __init__(self, root: Path):
        #: module name -> (stub file, is a package); names are known without parsing
        self.stub_files: dict[str, tuple[Path, bool]] = {}
        self.loaded: dict[str, StubModule] = {}
        self.classes: dict[str, StubClass] = {}
        for path in sorted(root.rglob("*.pyi")):
            relative = path.relative_to(root).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            if not parts or parts[0].startswith("_") or parts[0] in ("typing", "typing_extensions", "types"):
                continue
            self.stub_files[".".join(parts)] = (path, path.name == "__init__.pyi")

    @property
    def module_names(self) -> set[str]:
        return set(self.stub_files)

    def module(self, name: str) -> StubModule | None:
        """The parsed stub of a module (parsed on first use), or None if there is no such module."""
        if name not in self.loaded and name in self.stub_files:
            path, is_package = self.stub_files[name]
            self._load_module(name, path, is_package)
        return self.loaded.get(name)

    # -- loading ------------------------------------------------------------
    def _load_module(self, name: str, path: Path, is_package: bool) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = StubModule(name)
        package = name if is_package else name.rpartition(".")[0]
        local_classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                self._load_import(module, node, package)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _add_function(module.members, node, is_method=False)
            elif isinstance(node, ast.ClassDef):
                qualname = f"{name}.{node.name}"
                module.members[node.name] = Entity("class", qualname)
                self._load_class(qualname, node, name, local_classes)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                module.members[node.target.id] = self._annotated(node.annotation, name, local_classes)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        module.members[target.id] = Entity("value", target.id)
        self.loaded[name] = module

    def _load_import(self, module: StubModule, node: ast.ImportFrom, package: str) -> None:
        base = node.module or ""
        if node.level:
            base = ".".join(filter(None, [package, base])) if node.level == 1 else base
        for alias in node.names:
            if alias.name == "*":
                module.star_imports.append(base)
            elif alias.asname == alias.name:  # explicit re-export in a stub
                target = f"{base}.{alias.name}" if base else alias.name
                module.members[alias.name] = Entity("module_or_member", target)

    def _load_class(self, qualname: str, node: ast.ClassDef, module: str, local_classes: set[str]) -> None:
        cls = StubClass(qualname)
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in local_classes:
                cls.bases.append(f"{module}.{base.id}")
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _add_function(cls.members, item, is_method=True)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                cls.members[item.target.id] = self._annotated(item.annotation, module, local_classes)
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        cls.members[target.id] = Entity("value", target.id)
            elif isinstance(item, ast.ClassDef):
                cls.members[item.name] = Entity("value", item.name)
        self.classes[qualname] = cls

    @staticmethod
    def _annotated(annotation: ast.expr, module: str, local_classes: set[str]) -> Entity:
        if isinstance(annotation, ast.Name) and annotation.id in local_classes:
            return Entity("instance", f"{module}.{annotation.id}")
        return Entity("value", "")

    # -- lookup -------------------------------------------------------------
    def has_module(self, name: str) -> bool:
        return name in self.stub_files

    def module_members(self, name: str, _seen: frozenset = frozenset()) -> dict[str, Entity]:
        """Public members of a module, following ``from x import *`` in the stubs."""
        module = self.module(name)
        if module is None or name in _seen:
            return {}
        members: dict[str, Entity] = {}
        for star in module.star_imports:
            members.update(self.module_members(star, _seen | {name}))
        for key, entity in module.members.items():
            members[key] = self._resolve_reexport(entity)
        return {k: v for k, v in members.items() if not k.startswith("_")}

    def _resolve_reexport(self, entity: Entity) -> Entity:
        if entity.kind != "module_or_member":
            return entity
        if entity.name in self.stub_files:
            return Entity("module", entity.name)
        owner, _, member = entity.name.rpartition(".")
        return (self.module(owner) or StubModule(owner)).members.get(member, Entity("value", member))

    def class_members(self, qualname: str) -> dict[str, Entity]:
        self.module(qualname.rpartition(".")[0])  # a class is known once its module is parsed
        cls = self.classes.get(qualname)
        if cls is None:
            return {}
        members: dict[str, Entity] = {}
        for base in cls.bases:
            members.update(self.class_members(base))
        members.update(cls.members)
        return members

    def members_of(self, entity: Entity) -> dict[str, Entity] | None:
        """Attributes an entity has, or None when we cannot know (then nothing is checked)."""
        if entity.kind == "module":
            return self.module_members(entity.name)
        if entity.kind in ("class", "instance"):
            return self.class_members(entity.name)
        return None


@lru_cache(maxsize=1)
def api() -> MicrobitApi:
    """The stubs' index (once per process; each module is parsed when first used)."""
    return MicrobitApi(stubs_dir())
