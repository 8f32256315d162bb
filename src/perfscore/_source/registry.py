"""Finding installed schemes by id and edition: ``changning.key-projects@2024``.

Schemes come from the packs bundled in the wheel (``perfscore/rules``) and from third-party
packs registered under the entry-point group ``perfscore.schemes``, each entry point naming a
module or package whose folder holds scheme files (``*.yaml``, searched recursively).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from .._common.errors import PerfscoreError, SchemeError, UsageError
from .._common.limits import MAX_FILE_BYTES
from .._common.messages import Hint, Joined
from .format import EDITION_PATTERN, SCHEME_ID_PATTERN, suggest
from .yaml import parse, read_text

GROUP = "perfscore.schemes"
PATH_VARIABLE = "PERFSCORE_PATH"
"""Folders of one's own rules, usable by id like installed packs (``os.pathsep``-separated)."""
_REFERENCE = re.compile(f"{SCHEME_ID_PATTERN[:-1]}(@{EDITION_PATTERN[1:-1]})?$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One installed scheme file: its id, edition, title and where it lies."""

    id: str
    edition: str
    title: str
    path: str
    pack: str


def _roots() -> list[tuple[str, Path]]:
    roots: list[tuple[str, Path]] = []
    bundled = Path(str(resources.files("perfscore"))) / "rules"
    if not bundled.is_dir():  # a source checkout (editable install): rules/ beside src/
        bundled = Path(__file__).resolve().parents[3] / "rules"
    if bundled.is_dir():
        roots.append(("perfscore", bundled))
    for own in filter(None, os.environ.get(PATH_VARIABLE, "").split(os.pathsep)):
        roots.append((own, Path(own)))
    for point in metadata.entry_points(group=GROUP):
        try:
            module = point.load()
        except Exception as exc:  # a broken third-party pack must not break the others
            raise UsageError.of("PS030", {"pack": point.name, "module": point.value,
                                          "problem": str(exc)}) from None
        folder = Path(getattr(module, "__file__", "") or "").parent
        if folder.is_dir():
            roots.append((point.name, folder))
    return roots


def installed() -> list[Entry]:
    """Every installed scheme file, sorted by id then edition."""
    entries: list[Entry] = []
    for pack, root in _roots():
        for path in sorted(root.rglob("*.yaml")):
            data = _read(path)
            scheme_id = _inherited(path, data, "id")
            if isinstance(data, dict) and isinstance(scheme_id, str) and "edition" in data:
                title = _inherited(path, data, "title")
                entries.append(Entry(scheme_id, str(data["edition"]), str(title or ""),
                                     str(path), pack))
    return sorted(entries, key=lambda e: (e.id, _edition_key(e.edition)))


_PARSED: dict[tuple[str, int, int], object] = {}
"""Installed files as parsed, by path, modification time and size: a lookup by id reads only
what changed since the last one."""


def _read(path: Path) -> object:
    """An installed file as parsed; None for one that is no scheme, too large, or gone (a
    link to nothing, a file removed as the folder is read): one such file in a rules folder
    must not stop every lookup."""
    try:
        status = path.stat()
    except OSError:
        return None
    if status.st_size > MAX_FILE_BYTES:
        return None
    key = (str(path), status.st_mtime_ns, status.st_size)
    if key not in _PARSED:
        try:
            _PARSED[key] = parse(read_text(str(path), SchemeError), str(path), SchemeError).data
        except PerfscoreError:
            _PARSED[key] = None
    return _PARSED[key]


def _inherited(path: Path, data: object, key: str) -> object:
    """``key`` of a scheme file, looked up through ``extends`` when the file does not set it."""
    for _ in range(20):  # a deeper chain, or a cycle, is reported when the scheme loads
        if not isinstance(data, dict):
            return None
        if key in data:
            return data[key]
        if not isinstance(data.get("extends"), str):
            return None
        path = path.parent / data["extends"]
        data = _read(path) if path.is_file() else None
    return None


def _edition_key(edition: str) -> tuple[bool, tuple[tuple[int, int, str], ...]]:
    """Editions in natural order, the numbers in them compared as numbers (2024 < 2024.1 <
    2025, where text would put 2024.1 after 2025), after those that do not start with a digit
    (an installed file with an edition that check refuses, ``²``, sorts as text rather than
    breaking every lookup)."""
    parts = tuple((0, int(run), "") if run[0] in _DIGITS else (1, 0, run)
                  for run in _RUNS.findall(edition))
    return bool(edition) and edition[0] in _DIGITS, parts


_DIGITS = "0123456789"
_RUNS = re.compile("[0-9]+|[^0-9]+")


def is_reference(text: str) -> bool:
    """Whether ``text`` reads as ``id`` or ``id@edition`` rather than a file path."""
    return not os.path.exists(text) and names_installed(text)


def names_installed(text: str) -> bool:
    """Whether ``text`` is written as ``id`` or ``id@edition`` (not as a file name)."""
    return bool(_REFERENCE.match(text)) and not text.endswith((".yaml", ".yml", ".json"))


def find(reference: str) -> Entry:
    """The installed scheme ``id@edition`` (the latest edition when none is given)."""
    scheme_id, _, edition = reference.partition("@")
    entries = installed()
    matches = [e for e in entries if e.id == scheme_id]
    if not matches:
        raise UsageError.of("PS031", {"id": scheme_id},
                            suggestion=suggest(scheme_id, {e.id for e in entries}))
    chosen = [e for e in matches if e.edition == (edition or matches[-1].edition)]
    if not chosen:
        raise UsageError.of("PS031.edition", {"id": scheme_id, "edition": edition},
                            suggestion=Hint("editions", {"editions": [e.edition for e in matches]}))
    if len(chosen) > 1:  # which copy a name means must not depend on the order packs load in
        copies = Joined(tuple(f"pack {e.pack!r} ({e.path})" for e in chosen), " and ", "和")
        raise UsageError.of("PS032", {"scheme": f"{scheme_id}@{chosen[0].edition}",
                                      "copies": copies}, suggestion=Hint("uninstall", {}))
    return chosen[0]
