"""What a loaded scheme keeps: not the YAML positions nor its validated document, which only
checking, testing and showing need and which are read again from the scheme's texts when asked
for — with the same values, positions and file names as loading had."""

from __future__ import annotations

import gc
import shutil
import tracemalloc
from pathlib import Path

import perfscore
from perfscore._model.checks import check_document
from perfscore._source.editions import read_source, resolve

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "changning"


def test_the_document_read_again_is_the_one_loading_read(tmp_path: Path) -> None:
    """Also once the files are gone: the scheme carries their texts."""
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    path = folder / "key-projects-2024.yaml"  # extends the 2023 edition
    document, _, chain = resolve(read_source(str(path)), None)
    spec = check_document(document, extends=True)
    scheme = perfscore.load(path)
    shutil.rmtree(folder)
    assert len(chain) == 2
    assert scheme.document == document
    assert scheme.document.values == document.values and scheme.document.keys == document.keys
    assert scheme.spec == spec
    assert scheme.document is scheme.document  # read once


def test_an_edited_scheme_keeps_the_document_it_was_made_from() -> None:
    scheme = perfscore.load(RULES / "key-projects-2023.yaml")
    edited = scheme.edited([(("title",), "another title")])
    assert edited.document.data["title"] == "another title"
    assert edited.spec.title == edited.title == "another title"


def test_a_loaded_scheme_holds_less_than_its_load_time_data() -> None:
    """The bundled scheme's positions and validated document take more than the rest of it."""
    path = RULES / "key-projects-2023.yaml"
    perfscore.load(path)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        scheme = perfscore.load(path)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        scheme.document  # noqa: B018 - read again, as perfscore test would
        gc.collect()
        with_document = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert with_document > 2 * held, (held, with_document)
