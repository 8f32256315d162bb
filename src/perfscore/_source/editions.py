"""Editions: a scheme that ``extends`` another, merged into one document (SPEC §4).

Merging happens on the plain data read from each file, before the format is validated, so a
child may be a few lines. Every merged value keeps the position of the file and line it was
written at, so an error points into the base or the child, wherever the offending key is.

Merge rules: top-level keys and ``settings`` keys — the child's replace the base's; ``inputs``
and ``let`` by name; ``checks`` by message; ``grades`` by label; indicators by id (the keys a
child gives replace the base's keys of that indicator; a new id is added ``under`` a branch, or
at the root); ``remove`` drops ids, and the inputs only they read; ``remove_inputs`` drops
inputs by name; ``cases`` are never inherited.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .._common.errors import PerfscoreError, SchemeError, UsageError
from .._common.limits import MAX_CHAIN_CHARACTERS, MAX_EXTENDS_DEPTH, MAX_INDICATORS
from .format import LISTS, suggest
from .registry import find, names_installed
from .unread import only_read_by
from .yaml import Document, Path, parse, read_text

_LISTS = {**LISTS, "indicators": MAX_INDICATORS}
"""What each file of a chain is bounded by as it is read (see ``_yaml.parse``)."""
_BY_NAME = ("inputs", "let", "settings")
_BY_FIELD = {"checks": "message", "grades": "label"}
_CHILD_ONLY = ("extends", "remove", "remove_inputs", "cases")


@dataclass(frozen=True, slots=True)
class Source:
    """A scheme file read from disk (or text), before merging."""

    document: Document
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def source_of(text: str, path: str) -> Source:
    return Source(parse(text, path, SchemeError, _LISTS), text)


def read_source(path: str) -> Source:
    return source_of(read_text(path, SchemeError), path)


def _inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, base]) == base


def resolve(top: Source, root: str | None, read: Callable[[str], Source] = read_source
            ) -> tuple[Document, str, tuple[Source, ...]]:
    """The merged document of ``top`` and every file it extends, and the SHA-256 of them all.

    ``root`` bounds where ``extends`` may reach (default: the top file's directory tree); a
    path outside it, a missing file or a cycle is a SchemeError naming the files. ``read``
    reads a file (a restored pickle reads from the texts it carries). Also returns the chain
    of sources, top first.

    The chain is bounded as a whole, not only file by file: its text (each file counted as it
    is read, before the next one), then its indicators and lists once merged.
    """
    chain = [top]
    characters = len(top.text)
    seen = [os.path.realpath(top.document.file)]
    bound = root if root is not None else os.path.dirname(os.path.abspath(top.document.file))
    current = top
    while isinstance(current.document.data, dict) and "extends" in current.document.data:
        target = current.document.data["extends"]
        at = current.document.at(("extends",))
        if not isinstance(target, str) or not target:
            raise SchemeError.of("PS020", **at)
        if root is None and top.document.file.startswith("<"):  # text, with no folder
            raise SchemeError.of("PS021.text", **at)
        if len(chain) >= MAX_EXTENDS_DEPTH:
            raise SchemeError.of("PS028", {"limit": MAX_EXTENDS_DEPTH}, **at)
        path = os.path.join(os.path.dirname(current.document.file), target)
        if not os.path.exists(path) and names_installed(target):
            try:  # an installed scheme (or one under PERFSCORE_PATH): its pack is its bound
                path = find(target).path
            except UsageError as exc:
                raise SchemeError.of(exc.key or "PS031", exc.params, **at,
                                     suggestion=exc.hint) from None
            bound = os.path.dirname(os.path.abspath(path))
        elif not _inside(path, bound):
            raise SchemeError.of("PS021", {"target": target, "bound": bound}, **at)
        real = os.path.realpath(path)
        if real in seen:
            cycle = " → ".join([*(s.document.file for s in chain), path])
            raise SchemeError.of("PS022", {"cycle": cycle}, **at)
        seen.append(real)
        try:
            current = read(path)
        except SchemeError as exc:
            if exc.key == "PS001.kind":  # a folder, a FIFO: said where `extends` names it
                raise SchemeError.of("PS020.kind", {**exc.params, "path": path}, **at) from None
            if exc.code not in ("PS001", "PS020"):  # not a missing file: its own error stands
                raise
            raise SchemeError.of("PS020.missing", {"path": path}, **at) from None
        characters += len(current.text)
        if characters > MAX_CHAIN_CHARACTERS:
            raise SchemeError.of("PS009", {"limit": MAX_CHAIN_CHARACTERS}, **at)
        chain.append(current)
    digest = hashlib.sha256("".join(s.sha256 for s in chain).encode()).hexdigest()
    if len(chain) == 1:
        _bounded(top.document)
        return top.document, digest, tuple(chain)
    merger = _Merger()
    data = chain[-1].document.data
    if not isinstance(data, dict):
        raise SchemeError.of("PS010", **chain[-1].document.at(()))
    merger.take(chain[-1].document, data)
    for child in reversed(chain[:-1]):
        data = merger.merge(data, child.document)
    if merger.errors:
        raise SchemeError.collect(merger.errors)
    document = merger.document(data, top.document.file)
    _bounded(document)
    return document, digest, tuple(chain)


def _bounded(document: Document) -> None:
    """Refuse a scheme (merged with what it extends) with more indicators, or longer lists,
    than the limits: each costs work when it loads, or for every record."""
    data = document.data
    if not isinstance(data, dict):
        return
    if isinstance(data.get("indicators"), list):
        for count, (_, path) in enumerate(_tree(data["indicators"], ("indicators",)), 1):
            if count > MAX_INDICATORS:
                raise SchemeError.of("PS008", {"limit": MAX_INDICATORS}, **document.at(path))
    for key, limit in LISTS.items():
        if isinstance(data.get(key), list) and len(data[key]) > limit:
            raise SchemeError.of("PS007", {"key": key, "limit": limit},
                                 **document.at((key, limit)))


class _Merger:
    """Merges data and remembers, for each merged node, where its parts were written."""

    def __init__(self) -> None:
        self.errors: list[PerfscoreError] = []
        # id(merged node) -> [(document, a path there, where that path sits inside the node)]
        self.origins: dict[int, list[tuple[Document, Path, Path]]] = {}
        self.keep: list[Any] = []  # merged nodes, alive so their ids stay unique

    def note(self, node: Any, document: Document, path: Path, inside: Path = ()) -> None:
        self.keep.append(node)
        self.origins.setdefault(id(node), []).append((document, path, inside))

    def take(self, document: Document, data: dict[str, Any]) -> None:
        """Remember where each part of the last base was written. Indicators and list entries
        are noted one by one, since merging moves them."""
        for name, section in data.items():
            if name == "indicators" and isinstance(section, list):
                for node, path in _tree(section, ("indicators",)):
                    self.note(node, document, path)
            elif name in _BY_FIELD and isinstance(section, list):
                for index, entry in enumerate(section):
                    self.note(entry, document, (name, index))
            else:
                self.note(data, document, (name,), (name,))

    def merge(self, base: dict[str, Any], document: Document) -> dict[str, Any]:
        child = document.data
        if not isinstance(child, dict):
            self.errors.append(SchemeError.of("PS010", **document.at(())))
            return base
        merged = {k: v for k, v in base.items() if k not in _CHILD_ONLY}
        self._inherit(base, merged)
        for key, value in child.items():
            if key in ("extends", "remove", "remove_inputs", "indicators"):
                continue
            if key in _BY_NAME and isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
                for name in value:
                    self.note(merged, document, (key, name), (key, name))
            elif key in _BY_FIELD and isinstance(value, list) and isinstance(
                    merged.get(key), list):
                merged[key] = self._by_field(merged[key], value, _BY_FIELD[key], document, key)
            else:
                merged[key] = value
                self.note(merged, document, (key,), (key,))
        if isinstance(child.get("indicators"), list) and isinstance(base.get("indicators"), list):
            merged["indicators"] = self._indicators(base["indicators"], child["indicators"],
                                                    document)
        elif "indicators" in child:
            merged["indicators"] = child["indicators"]
            self.note(merged, document, ("indicators",), ("indicators",))
        if "remove" in child:
            merged["indicators"], removed = self._remove(merged.get("indicators"),
                                                         child["remove"], document)
            self._drop_inputs(merged, only_read_by(removed, merged))
        if "remove_inputs" in child:
            self._drop_inputs(merged, self._named_inputs(merged, child["remove_inputs"],
                                                         document))
        return merged

    def _named_inputs(self, merged: dict[str, Any], names: Any, document: Document
                      ) -> set[str]:
        """The inputs ``remove_inputs`` names; an error for each it names that the base has
        not."""
        inputs = merged.get("inputs")
        if not isinstance(names, list) or not isinstance(inputs, dict):
            self.errors.append(SchemeError.of("PS027.inputs", **document.at(("remove_inputs",))))
            return set()
        for position, name in enumerate(names):
            if not isinstance(name, str):  # a list, a mapping: no name at all
                self.errors.append(SchemeError.of(
                    "PS027.inputs", **document.at(("remove_inputs", position))))
            elif name not in inputs:
                self.errors.append(SchemeError.of(
                    "PS027.input", {"name": name}, **document.at(("remove_inputs", position)),
                    suggestion=suggest(str(name), [str(n) for n in inputs])))
        return {name for name in names if isinstance(name, str) and name in inputs}

    def _drop_inputs(self, merged: dict[str, Any], names: set[str]) -> None:
        if names:  # positions are kept by path in ``merged``, so a new mapping keeps them
            merged["inputs"] = {k: v for k, v in merged["inputs"].items() if k not in names}

    def _by_field(self, base: list[Any], child: list[Any], field: str, document: Document,
                  section: str) -> list[Any]:
        merged = list(base)
        # entries by their name, a name that is text; the others the format refuses later
        index = {e[field]: i for i, e in enumerate(merged)
                 if isinstance(e, dict) and isinstance(e.get(field), str)}
        for position, entry in enumerate(child):
            name = entry.get(field) if isinstance(entry, dict) else None
            if isinstance(name, str) and name in index:
                merged[index[name]] = entry
            else:
                merged.append(entry)
            self.note(entry, document, (section, position))
        if section == "grades":  # a grade added goes where its ``min`` puts it
            merged = _highest_first(merged)
        return merged

    def _indicators(self, base: list[Any], child: list[Any], document: Document) -> list[Any]:
        roots = list(base)
        copies = self._copy_tree(roots)
        for position, entry in enumerate(child):
            at: Path = ("indicators", position)
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                self.errors.append(SchemeError.of("PS023", **document.at(at)))
                continue
            found = copies.get(entry["id"])
            if found is not None and "under" not in entry:
                for key, value in entry.items():
                    if key != "id":
                        found[key] = value
                        self.note(found, document, (*at, key), (key,))
                continue
            if found is not None:
                self.errors.append(SchemeError.of(
                    "PS024", {"id": entry["id"]}, **document.at((*at, "under"), key=True)))
                continue
            under = entry.get("under")
            new = {k: v for k, v in entry.items() if k != "under"}
            self.note(new, document, at)
            for node, path in _tree(new.get("children") or [], (*at, "children")):
                self.note(node, document, path)
            if under is None:
                if _looks_like_override(entry):
                    self.errors.append(SchemeError.of(
                        "PS025", {"id": entry["id"]}, **document.at((*at, "id")),
                        where=entry["id"], suggestion=suggest(entry["id"], copies)))
                    continue
                roots.append(new)
            elif isinstance(under, str) and under in copies and isinstance(
                    copies[under].get("children"), list):
                copies[under]["children"] = [*copies[under]["children"], new]
            else:
                branches = [i for i, n in copies.items() if isinstance(n.get("children"), list)]
                self.errors.append(SchemeError.of(
                    "PS026", {"under": under}, **document.at((*at, "under")), where=entry["id"],
                    suggestion=suggest(str(under), branches)))
                continue
            copies[entry["id"]] = new
        return roots

    def _copy_tree(self, nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Copy the tree in place (so child edits never touch the base's data), keeping each
        node's origins, and index the copies by id."""
        index: dict[str, dict[str, Any]] = {}
        for i, node in enumerate(nodes):
            if not isinstance(node, dict):  # the format refuses it in the merged scheme
                continue
            copy = dict(node)
            self._inherit(node, copy)
            nodes[i] = copy
            if isinstance(copy.get("children"), list):
                copy["children"] = list(copy["children"])
                index.update(self._copy_tree(copy["children"]))
            if isinstance(copy.get("id"), str):
                index[copy["id"]] = copy
        return index

    def _inherit(self, old: Any, new: Any) -> None:
        if id(old) in self.origins:
            self.keep.append(new)
            self.origins[id(new)] = list(self.origins[id(old)])

    def _remove(self, nodes: Any, ids: Any, document: Document) -> tuple[Any, list[Any]]:
        """The tree without the indicators ``ids`` names, and those removed."""
        if not isinstance(ids, list) or not isinstance(nodes, list):
            self.errors.append(SchemeError.of("PS027", **document.at(("remove",))))
            return nodes, []
        present = {n["id"] for n, _ in _tree(nodes, ()) if isinstance(n.get("id"), str)}
        for position, name in enumerate(ids):
            if not isinstance(name, str):  # a list, a mapping: no id at all
                self.errors.append(SchemeError.of("PS027", **document.at(("remove", position))))
            elif name not in present:
                self.errors.append(SchemeError.of(
                    "PS027.missing", {"name": name}, **document.at(("remove", position)),
                    suggestion=suggest(str(name), [str(p) for p in present])))
        drop = {name for name in ids if isinstance(name, str)}
        removed: list[Any] = []

        def prune(items: list[Any]) -> list[Any]:
            kept = []
            for node in items:
                if isinstance(node, dict) and node.get("id") in drop:
                    removed.append(node)
                    continue
                if isinstance(node, dict) and isinstance(node.get("children"), list):
                    node["children"] = prune(node["children"])
                kept.append(node)
            return kept

        return prune(nodes), removed

    def document(self, data: dict[str, Any], file: str) -> Document:
        """The merged document: each position moved to where its node now sits."""
        roots: dict[tuple[int, Path], Path] = {}
        documents: dict[int, Document] = {}

        def place(node: Any, path: Path) -> None:
            for document, source, inside in self.origins.get(id(node), ()):
                documents[id(document)] = document
                roots[(id(document), source)] = (*path, *inside)

        place(data, ())
        for name, section in data.items():
            if name in _BY_FIELD and isinstance(section, list):
                for i, entry in enumerate(section):
                    place(entry, (name, i))
        for node, path in _tree(data.get("indicators") or [], ("indicators",)):
            place(node, path)
        merged = Document(data, file)
        for document in documents.values():
            for table, out in ((document.values, merged.values), (document.keys, merged.keys)):
                for path, pos in table.items():
                    target = _relocate(roots, id(document), path)
                    if target is not None:
                        out[target] = replace(pos, file=document.file)
        return merged


def _relocate(roots: dict[tuple[int, Path], Path], doc: int, path: Path) -> Path | None:
    for cut in range(len(path), -1, -1):
        found = roots.get((doc, path[:cut]))
        if found is not None:
            return (*found, *path[cut:])
    return None


def _looks_like_override(entry: dict[str, Any]) -> bool:
    """An entry without what a new indicator needs was meant to change an existing one."""
    return "name" not in entry or ("points" not in entry and "children" not in entry)


def _highest_first(grades: list[Any]) -> list[Any]:
    """Grades by ``min``, highest first, when every ``min`` is a number (as the format wants
    them): an edition adding 中上 at 70 lists it after 差 at 0. Otherwise as they are, for the
    format to say what is wrong."""
    mins = [g.get("min") if isinstance(g, dict) else None for g in grades]
    if all(isinstance(m, int | Decimal) and not isinstance(m, bool) for m in mins):
        return sorted(grades, key=lambda g: -g["min"])  # stable: equal mins keep their order
    return grades


def _tree(nodes: list[Any], path: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    for index, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        here = (*path, index)
        yield node, here
        if isinstance(node.get("children"), list):
            yield from _tree(node["children"], (*here, "children"))

