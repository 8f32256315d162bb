"""Reading YAML safely and exactly, keeping where every value was written.

PyYAML's own constructors follow YAML 1.1 (``no`` is False, ``012`` is octal, ``1:30`` is 90),
turn ``0.1`` into a binary float, keep the last of two duplicate keys and expand aliases without
bound. We use PyYAML only to compose the node graph, with no implicit resolvers and limits on
depth and aliases, then build plain values ourselves: YAML 1.2 core scalars, numbers as exact
``Decimal`` (integers as ``int``), duplicate keys as errors, and a budget on nodes visited so an
alias bomb fails fast instead of expanding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ._errors import PerfscoreError
from ._limits import (
    MAX_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
)
from ._numbers import to_decimal

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DEFAULT_TAGS = frozenset(
    {BaseResolver.DEFAULT_SCALAR_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG,
     BaseResolver.DEFAULT_MAPPING_TAG}
)


@dataclass(frozen=True, slots=True)
class Pos:
    """Where a value starts: 1-based line and column, and whether it was quoted.

    ``quoted`` lets an error inside an expression point past the opening quote; ``file`` is set
    when the value came from another file than the document's (a base scheme it extends).
    """

    line: int
    column: int
    quoted: bool = False
    file: str | None = None


@dataclass(slots=True)
class Document:
    """Plain data read from one file, and the position of every key and value in it."""

    data: Any
    file: str
    values: dict[Path, Pos] = field(default_factory=dict)
    keys: dict[Path, Pos] = field(default_factory=dict)

    def pos(self, path: Path, *, key: bool = False) -> Pos | None:
        """Position of ``path`` (its key when ``key``), else of its nearest written ancestor."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for cut in range(len(path), -1, -1):
            found = self.values.get(path[:cut])
            if found is not None:
                return found
        return None

    def at(self, path: Path, *, key: bool = False) -> dict[str, Any]:
        """``file``, ``line`` and ``column`` keyword arguments for an error about ``path``."""
        pos = self.pos(path, key=key)
        if pos is None:
            return {"file": self.file, "line": None, "column": None}
        return {"file": pos.file or self.file, "line": pos.line, "column": pos.column}


class _Resolver(BaseResolver):
    """No implicit resolvers: every plain scalar stays text until we resolve it (YAML 1.2)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level table


class _Loader(Reader, Scanner, Parser, Composer, _Resolver):
    """Composes nodes only, with bounds on nesting depth and on alias uses."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise _Limit(f"more than {MAX_YAML_ALIASES} aliases", self._mark())
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Limit(f"nesting deeper than {MAX_YAML_DEPTH} levels", self._mark())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


    def _mark(self) -> Any:
        return self.peek_event().start_mark  # type: ignore[no-untyped-call]


class _Limit(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


def _pos(node: Node) -> Pos:
    style = getattr(node, "style", None)
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1, style in ("'", '"'))


def read_text(path: str, error: type[PerfscoreError]) -> str:
    """Read a UTF-8 file within the size limit, as ``error`` when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", file=path, code="PS001") from None
    if len(raw) > MAX_FILE_BYTES:
        raise error(f"file is larger than {MAX_FILE_BYTES:,} bytes", file=path, code="PS002")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"file is not UTF-8 text (byte {exc.start})", file=path, code="PS003") from None


def parse(text: str, file: str, error: type[PerfscoreError]) -> Document:
    """Parse one YAML document into plain values with positions.

    Raises ``error`` (a PerfscoreError subclass) carrying every problem found.
    """
    if len(text) > MAX_FILE_BYTES:
        raise error(f"text is longer than {MAX_FILE_BYTES:,} characters", file=file, code="PS002")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _Limit as exc:
        raise error(f"YAML {exc}", file=file, line=exc.mark.line + 1,
                    column=exc.mark.column + 1, code="PS004") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax: {exc.problem or exc.context}"
        if mark is None:
            raise error(message, file=file, code="PS004") from None
        raise error(message, file=file, line=mark.line + 1, column=mark.column + 1,
                    code="PS004") from None
    except yaml.YAMLError as exc:
        raise error(f"YAML: {exc}", file=file, code="PS004") from None
    finally:
        loader.dispose()
    builder = _Builder(file, error)
    data = None if node is None else builder.build(node, ())
    if builder.errors:
        raise error.collect(builder.errors)
    return Document(data, file, builder.values, builder.keys)


class _Builder:
    """Turns composed nodes into plain values, recording positions and collecting errors."""

    def __init__(self, file: str, error: type[PerfscoreError]) -> None:
        self.file = file
        self.error = error
        self.errors: list[PerfscoreError] = []
        self.values: dict[Path, Pos] = {}
        self.keys: dict[Path, Pos] = {}
        self.visited = 0

    def fail(self, message: str, node: Node, code: str) -> None:
        pos = _pos(node)
        self.errors.append(self.error(message, file=self.file, line=pos.line,
                                      column=pos.column, code=code))

    def build(self, node: Node, path: Path) -> Any:
        self.visited += 1
        if self.visited > MAX_YAML_NODES:
            pos = _pos(node)
            raise self.error(
                f"YAML document expands to more than {MAX_YAML_NODES:,} values "
                "(aliases are counted each time they are used)",
                file=self.file, line=pos.line, column=pos.column, code="PS004")
        self.values.setdefault(path, _pos(node))
        if node.tag not in _DEFAULT_TAGS:
            self.fail(f"YAML tag {node.tag!r} is not allowed", node, "PS004")
            return None
        if isinstance(node, MappingNode):
            return dict(self._mapping(node, path))
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: Path) -> Iterator[tuple[Any, Any]]:
        seen: dict[Any, Pos] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail("a mapping key must be a plain value", key_node, "PS004")
                continue
            key: str = key_node.value  # keys are names: always text, never resolved
            if key in seen:
                first = seen[key]
                self.fail(f"duplicate key {key!r} (first written at line {first.line})",
                          key_node, "PS005")
                continue
            seen[key] = _pos(key_node)
            self.keys[(*path, key)] = seen[key]
            yield key, self.build(value_node, (*path, key))

    def _scalar(self, node: ScalarNode) -> Any:
        text: str = node.value
        if node.style is not None:  # quoted or block scalars are always text
            return text
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        if _SPECIAL.match(text):  # kept so that validation can name it as not finite
            return Decimal(text.replace(".", ""))
        if _INT.match(text) or _FLOAT.match(text):
            digits = sum(ch.isdigit() for ch in re.split("[eE]", text)[0])
            if digits > MAX_NUMBER_DIGITS:
                self.fail(f"number has more than {MAX_NUMBER_DIGITS} digits", node, "PS006")
                return None
            if _INT.match(text):
                return int(text)
            try:
                return to_decimal(text)
            except ValueError:
                self.fail(f"number {text} is out of range", node, "PS006")
                return None
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16) if len(text) <= 20 else text
        return text
