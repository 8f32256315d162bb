"""Reading YAML safely and exactly, keeping where every value was written.

PyYAML's own constructors follow YAML 1.1 (``no`` is False, ``012`` is octal, ``1:30`` is 90),
turn ``0.1`` into a binary float, keep the last of two duplicate keys and expand aliases without
bound. We use PyYAML only to compose the node graph, with no implicit resolvers and limits on
depth and aliases, then build plain values ourselves: YAML 1.2 core scalars, numbers as exact
``Decimal`` (integers as ``int``), duplicate keys as errors. What each node expands to through
aliases (values, characters, nesting) is measured while composing, so an alias bomb or an alias
cycle fails fast instead of expanding; text with a control character is refused.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None  # type: ignore[assignment, misc]

from .._common.errors import PerfscoreError
from .._common.limits import (
    MAX_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    MAX_YAML_ALIASES,
    MAX_YAML_CHARACTERS,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
)
from .._common.messages import Term
from .._common.numbers import to_decimal
from .._common.text import describe, unsafe

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

    def renamed(self, names: Mapping[str, str]) -> Document:
        """The positions of this document with its top-level keys read under other names
        (``names``: as written → read as): a record written with its inputs' labels, whose
        errors name the inputs, still points at the lines that wrote them."""
        def moved(table: dict[Path, Pos]) -> dict[Path, Pos]:
            return {(names.get(path[0], path[0]), *path[1:]) if path and isinstance(
                path[0], str) else path: pos for path, pos in table.items()}
        return Document(self.data, self.file, moved(self.values), moved(self.keys))


class _Resolver(BaseResolver):
    """No implicit resolvers: every plain scalar stays text until we resolve it (YAML 1.2)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level table


@dataclass(frozen=True, slots=True)
class _Extent:
    """What a composed node stands for once its aliases are expanded: values, characters of
    text, and levels of nesting."""

    values: int
    characters: int
    height: int


class _Bounded(Composer):
    """Composes nodes only, with bounds on nesting depth and on alias uses. The values and
    characters of the whole document are counted as each node opens — an alias counting all
    that its node expands to — so a long flow list or a "billion laughs" fails at the value
    past the limit, before the rest is composed; an alias to the node that contains it (a
    cycle) fails when it is met. Each node is measured as it completes, so that what an
    alias to it expands to is known. The events come from PyYAML's Python parser
    (``_Loader``) or from libyaml's (``_CLoader``)."""

    if TYPE_CHECKING:  # the parser's, whichever it is
        def check_event(self, *choices: type) -> bool: ...
        def peek_event(self) -> Any: ...

    def _start(self, lists: Mapping[str, int]) -> None:
        Composer.__init__(self)
        _Resolver.__init__(self)  # type: ignore[arg-type]
        self._depth = 0
        self._aliases = 0
        self._values = 0  # of the document so far, aliases expanded
        self._characters = 0
        self._extents: dict[int, _Extent] = {}  # id(node) -> its extent; nodes live on
        self._lists = lists
        self._bounds: list[tuple[str, int] | None] = []  # of the open nodes
        self._indicators = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._bound(parent, index)
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise _Limit(self._mark(), "PS004.aliases", {"limit": MAX_YAML_ALIASES})
            anchor = self.peek_event().anchor
            target = self.anchors.get(anchor)
            if target is not None:
                if id(target) not in self._extents:  # still open: one of our ancestors
                    raise _Limit(self._mark(), "PS004.alias_inside", {"anchor": anchor})
                extent = self._extents[id(target)]
                if self._depth + extent.height > MAX_YAML_DEPTH:
                    raise _Limit(self._mark(), "PS004.depth", {"limit": MAX_YAML_DEPTH})
                self._count(extent.values, extent.characters)
        elif self.check_event(ScalarEvent):
            self._count(1, len(self.peek_event().value))
        else:
            self._count(1, 0)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Limit(self._mark(), "PS004.depth", {"limit": MAX_YAML_DEPTH})
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._bounds.pop()
        if node is not None and id(node) not in self._extents:
            self._measure(node)
        return node

    def _bound(self, parent: Node | None, index: Any) -> None:
        """Refuse, as it opens, the item of a bounded list past its limit, and the indicator
        past the document's limit (``indicators`` and each indicator's ``children``, at any
        depth); note what the node opening is to these counts."""
        bound = self._bounds[-1] if self._bounds else None
        key = index.value if isinstance(index, ScalarNode) else None
        if bound is None:
            opening = None
        elif bound[0] == _TREE:  # an item of an indicator list: an indicator
            self._indicators += 1
            if self._indicators > self._lists[_TREE]:
                raise _Limit(self._mark(), "PS008", {"limit": self._lists[_TREE]})
            opening = (_INDICATOR, 0)
        elif bound[0] == _INDICATOR:
            opening = (_TREE, 0) if key == "children" else None
        else:
            name, limit = bound
            if isinstance(index, int) and index >= limit:
                raise _Limit(self._mark(), "PS007" if name else "PS007.cases",
                             {"key": name, "limit": limit})
            opening = None
        if parent is None:
            opening = ("", self._lists[""]) if "" in self._lists else None
        elif self._depth == 1 and key is not None and key in self._lists:
            opening = (_TREE, 0) if key == "indicators" else (key, self._lists[key])
        self._bounds.append(opening)

    def _measure(self, node: Node) -> None:
        if isinstance(node, ScalarNode):
            extent = _Extent(1, len(node.value), 1)
        else:
            children = ([part for pair in node.value for part in pair]
                        if isinstance(node, MappingNode) else node.value)
            parts = [self._extents[id(child)] for child in children]
            extent = _Extent(1 + sum(p.values for p in parts),
                             sum(p.characters for p in parts),
                             1 + max((p.height for p in parts), default=0))
        self._extents[id(node)] = extent

    def _count(self, values: int, characters: int) -> None:
        """Add what the node about to be composed stands for to the document's count."""
        self._values += values
        self._characters += characters
        for amount, limit, key in ((self._values, MAX_YAML_NODES, "PS004.values"),
                                   (self._characters, MAX_YAML_CHARACTERS, "PS004.characters")):
            if amount > limit:
                raise _Limit(self._mark(), key, {"limit": limit})

    def _mark(self) -> Any:
        return self.peek_event().start_mark


class _Loader(Reader, Scanner, Parser, _Bounded, _Resolver):
    """PyYAML's Python reader, scanner and parser under our composer: the reference, and the
    one that words every error."""

    def __init__(self, stream: str, lists: Mapping[str, int]) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._start(lists)


if _CParser is not None:
    class _CLoader(_Bounded, _CParser, _Resolver):
        """libyaml's C parser under our composer: the same events, about 3 times faster than
        PyYAML's Python scanner. Its marks carry no buffer (``_pos`` is given the text) and a
        plain scalar's style is ``""`` where PyYAML's is None; nothing else differs."""

        def __init__(self, stream: str, lists: Mapping[str, int]) -> None:
            _CParser.__init__(self, stream)
            self._start(lists)

        def compose_scalar_node(self, anchor: Any) -> ScalarNode:
            node = super().compose_scalar_node(anchor)
            if node.style == "":
                node.style = None
            return node


_TREE = "indicators"
"""The key of ``lists`` that bounds the indicators of a document, nested ones included."""
_INDICATOR = "\0indicator"  # on the stack: an indicator, whose ``children`` are counted too


class _Limit(Exception):
    """A limit reached while composing: where, and the catalog's key and arguments."""

    def __init__(self, mark: Any, key: str, params: Mapping[str, Any]) -> None:
        super().__init__(key)
        self.mark = mark
        self.key = key
        self.params = params


def _pos(node: Node, text: str | None = None) -> Pos:
    """Where ``node`` starts; ``text`` is the document's, for marks that carry no buffer
    (libyaml's, whose ``index`` counts characters as PyYAML's ``pointer`` does)."""
    style = getattr(node, "style", None)
    mark = node.start_mark
    buffer, pointer = ((mark.buffer, mark.pointer) if mark.buffer is not None
                       else (text, mark.index))
    if style in ("|", ">") and buffer is not None:
        # a block scalar's text starts on the line after its `|` or `>` indicator
        start = buffer.find("\n", pointer) + 1
        if start > 0:
            line = buffer[start:buffer.find("\n", start)]
            return Pos(mark.line + 2, len(line) - len(line.lstrip(" ")) + 1)
    return Pos(mark.line + 1, mark.column + 1, style in ("'", '"'))


_NOT_REGULAR = (
    (stat.S_ISDIR, Term("a folder", "目录")),
    (stat.S_ISFIFO, Term("a named pipe (FIFO)", "命名管道（FIFO）")),
    (stat.S_ISSOCK, Term("a socket", "套接字")),
    (stat.S_ISCHR, Term("a character device", "字符设备")),
    (stat.S_ISBLK, Term("a block device", "块设备")),
)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _kind(mode: int) -> Term | None:
    """What a file of ``mode`` is, unless it is a regular file."""
    return next((kind for test, kind in _NOT_REGULAR if test(mode)),
                None if stat.S_ISREG(mode) else Term("not a regular file", "非普通文件"))


def require_file(path: str, error: type[PerfscoreError], what: Term, lang: str = "en"
                 ) -> None:
    """Raise ``error`` (PS001) unless ``path`` is a regular file (symlinks followed): saying
    what it is (a folder, a FIFO, a device…), or that there is no such file, ``what`` naming
    the kind of file wanted, in ``lang``. Only regular files are read: a FIFO or a device
    would block or never end."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        raise error.of("PS001", {"what": what, "path": path}, file=path, lang=lang) from None
    kind = _kind(mode)
    if kind is not None:
        raise error.of("PS001.kind", {"path": path, "kind": kind}, file=path, lang=lang)


def read_text(path: str, error: type[PerfscoreError], *, records: bool = False) -> str:
    """Read a regular file within the size limit, as ``error`` when it cannot be read; UTF-8,
    or for ``records`` UTF-8 else GB18030 (see ``decode``).

    The file is opened without waiting (a FIFO would wait for a writer forever) and refused
    with PS001 (key ``PS001.kind``) unless the opened file is a regular file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise error.of("PS001.read", {"reason": reason}, file=path) from None
    try:
        kind = _kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise error.of("PS001.kind", {"path": path, "kind": kind}, file=path)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error.of("PS001.read", {"reason": exc.strerror}, file=path) from None
    finally:
        os.close(descriptor)
    return decode(raw, path, error, records=records)


def encoding_of(start: bytes) -> str:
    """``utf-8``, unless ``start`` (all of a file, or its first bytes) is not UTF-8: then
    ``gb18030``, what Excel and Notepad write on a Chinese Windows — unless it reads as more
    UTF-8 characters of three bytes or four (Chinese) than bytes that are not UTF-8, or has
    no fewer bytes that are not text as GB18030. A UTF-8 file with a stray byte in it (a
    character cut short) stays UTF-8, its line with the byte refused: read as GB18030, its
    Chinese text would become other characters without an error (长期 as 闀挎湡), in ids
    and text inputs alike. GB18030 text read as UTF-8 has more bytes that are not text than
    such characters."""
    text = _decoded(start, "utf-8")
    stray = len(_ESCAPED.findall(text))
    if not stray or len(_THREE_BYTES.findall(text)) > stray:
        return "utf-8"
    return "gb18030" if len(_ESCAPED.findall(_decoded(start, "gb18030"))) < stray else "utf-8"


def _decoded(start: bytes, encoding: str) -> str:
    """``start`` as text in ``encoding``, each byte that is not text read as a lone surrogate
    (``surrogateescape``, which neither codec reads text as) and a character cut off at its
    end left out."""
    return codecs.getincrementaldecoder(encoding)("surrogateescape").decode(start, final=False)


_ESCAPED = re.compile("[\udc80-\udcff]")
_THREE_BYTES = re.compile("[\u0800-\ud7ff\ue000-\U0010ffff]")
"""A character UTF-8 writes in three bytes or four (Chinese among them). Two GB18030 bytes
often read as one UTF-8 character of two (学校 as two such characters of the Hebrew block):
counting those, a short GB18030 file read as UTF-8 showed more characters than stray bytes."""


def decode(raw: bytes, path: str, error: type[PerfscoreError], *, records: bool = False
           ) -> str:
    """Bytes read with ``MAX_FILE_BYTES + 1`` as a limit, as text, or ``error``. A scheme is
    UTF-8; records are read as every record file is (``encoding_of``): UTF-8, else GB18030."""
    if len(raw) > MAX_FILE_BYTES:
        raise error.of("PS002", {"limit": MAX_FILE_BYTES}, file=path)
    encoding = encoding_of(raw) if records else "utf-8"
    try:
        return raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        raise error.of("PS003.records" if records else "PS003", {"byte": exc.start},
                       file=path) from None


def parse(text: str, file: str, error: type[PerfscoreError],
          lists: Mapping[str, int] | None = None) -> Document:
    """Parse one YAML document into plain values with positions.

    ``lists`` bounds the length of lists, by the top-level key holding them (``""`` for a
    document that is a list; ``indicators`` counts the indicators with their ``children``):
    the item past a bound fails as it opens (PS007, PS008). Raises ``error`` (a
    PerfscoreError subclass) carrying every problem found.
    """
    if len(text) > MAX_FILE_BYTES:
        raise error.of("PS002.text", {"limit": MAX_FILE_BYTES}, file=file)
    composed = _fast(text, lists or {}) if FAST else None
    node = composed[0] if composed is not None else _compose(text, file, error, lists)
    builder = _Builder(file, error, text)
    data = None if node is None else builder.build(node, ())
    if builder.errors:
        raise error.collect(builder.errors)
    return Document(data, file, builder.values, builder.keys)


FAST = _CParser is not None
"""Whether ``parse`` composes from libyaml's events when it can (tests compare both ways)."""


def _fast(text: str, lists: Mapping[str, int]) -> tuple[Node | None] | None:
    """The document's root node composed from libyaml's events, or None when the Python parser
    is to read it: text it would refuse as it reads (a control character, a byte-order mark,
    which PyYAML counts in its positions), and any document either parser or our limits refuse
    — the Python parser then raises the error, worded and placed as it always was."""
    if _CParser is None or text.startswith("\ufeff") or Reader.NON_PRINTABLE.search(text):
        return None
    loader = None
    try:
        loader = _CLoader(text, lists)
        return (loader.get_single_node(),)
    except (_Limit, yaml.YAMLError, RecursionError):
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _compose(text: str, file: str, error: type[PerfscoreError],
             lists: Mapping[str, int] | None) -> Node | None:
    """The document's root node through PyYAML's Python parser, or ``error``."""
    loader = None
    try:
        loader = _Loader(text, lists or {})  # the reader rejects control characters already
        return loader.get_single_node()
    except _Limit as exc:
        at = {"file": file, "line": exc.mark.line + 1, "column": exc.mark.column + 1}
        raise error.of(exc.key, exc.params, **at) from None
    except ReaderError as exc:  # a control character written as itself
        at = exc.position
        raise error.of("PS004.character", {"character": describe(chr(exc.character))},
                       file=file, line=text.count("\n", 0, at) + 1,
                       column=at - text.rfind("\n", 0, at)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error.of("PS004", {"problem": exc.problem or exc.context}, file=file,
                       line=None if mark is None else mark.line + 1,
                       column=None if mark is None else mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise error.of("PS004", {"problem": str(exc)}, file=file) from None
    finally:
        if loader is not None:
            loader.dispose()


class _Builder:
    """Turns composed nodes into plain values, recording positions and collecting errors."""

    def __init__(self, file: str, error: type[PerfscoreError], text: str | None = None) -> None:
        self.file = file
        self.source = text
        self.error = error
        self.errors: list[PerfscoreError] = []
        self.values: dict[Path, Pos] = {}
        self.keys: dict[Path, Pos] = {}

    def fail(self, message: str, node: Node, **params: Any) -> None:
        pos = _pos(node, self.source)
        self.errors.append(self.error.of(message, params, file=self.file, line=pos.line,
                                         column=pos.column))

    def build(self, node: Node, path: Path) -> Any:
        self.values.setdefault(path, _pos(node, self.source))
        if node.tag not in _DEFAULT_TAGS:
            self.fail("PS004.tag", node, tag=node.tag)
            return None
        if isinstance(node, MappingNode):
            return dict(self._mapping(node, path))
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def text(self, node: ScalarNode) -> str:
        """The scalar's text, refused if it has a character that could make output lie (see
        ``_text``)."""
        text: str = node.value
        index = unsafe(text)
        if index is not None:
            self.fail("PS004.character", node, character=describe(text[index]))
        return text

    def _mapping(self, node: MappingNode, path: Path) -> Iterator[tuple[Any, Any]]:
        seen: dict[Any, Pos] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail("PS004.key", key_node)
                continue
            key = self.text(key_node)  # keys are names: always text, never resolved
            if key in seen:
                first = seen[key]
                self.fail("PS005", key_node, key=key, line=first.line)
                continue
            seen[key] = _pos(key_node, self.source)
            self.keys[(*path, key)] = seen[key]
            yield key, self.build(value_node, (*path, key))

    def _scalar(self, node: ScalarNode) -> Any:
        text = self.text(node)
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
        based = _OCT.match(text) or _HEX.match(text)
        if based or _INT.match(text) or _FLOAT.match(text):
            digits = len(text) - 2 if based else sum(
                ch.isdigit() for ch in re.split("[eE]", text)[0])
            if digits > MAX_NUMBER_DIGITS:
                self.fail("PS006.digits", node, limit=MAX_NUMBER_DIGITS)
                return None
            if based:
                return int(text[2:], 8 if text[1] == "o" else 16)
            if _INT.match(text):
                return int(text)
            try:
                return to_decimal(text)
            except ValueError:
                self.fail("PS006", node, number=text)
                return None
        return text
