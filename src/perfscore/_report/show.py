"""``perfscore show``: the fully merged scheme as YAML, each key annotated with the file and
line it came from, so a reviewer sees exactly what is in force after ``extends``."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from .._common.numbers import plain
from .._source.yaml import Document, Path


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return plain(Decimal(value))
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML string


def _origin(document: Document, path: Path) -> str:
    pos = document.keys.get(path) or document.values.get(path)
    if pos is None:
        return ""
    return f"  # {os.path.basename(pos.file or document.file)}:{pos.line}"


def show(document: Document) -> str:
    """The merged data of ``document`` as YAML with an origin comment on every key."""
    lines: list[str] = []

    def mapping(data: dict[str, Any], path: Path, indent: str, first: str | None = None) -> None:
        for index, (key, value) in enumerate(data.items()):
            lead = first if index == 0 and first is not None else indent
            here = (*path, key)
            if isinstance(value, dict | list) and value:
                lines.append(f"{lead}{key}:{_origin(document, here)}")
                node(value, here, indent + "  ")
            else:
                empty = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) \
                    else _scalar(value)
                lines.append(f"{lead}{key}: {empty}{_origin(document, here)}")

    def node(value: Any, path: Path, indent: str) -> None:
        if isinstance(value, dict):
            mapping(value, path, indent)
            return
        for index, item in enumerate(value):
            here = (*path, index)
            if isinstance(item, dict) and item:
                mapping(item, here, indent + "  ", first=f"{indent}- ")
            elif isinstance(item, list) and item:
                lines.append(f"{indent}-{_origin(document, here)}")
                node(item, here, indent + "  ")
            else:
                lines.append(f"{indent}- {_scalar(item)}{_origin(document, here)}")

    node(document.data, (), "")
    return "\n".join(lines) + "\n"
