"""Indicator floods: a 1 MB scheme of 13,000 leaves loaded in 14 s and 1.55 GB (code generation
10 s of it), and the limits were per file, so an ``extends`` chain of 4 files of 479 KB took
26 s and 2.9 GB. A scheme has at most 1,000 indicators (branches and leaves), counted as the
YAML of each file is read — the 1,001st fails as it opens — and again across the merged chain;
the files of a chain hold at most 2,000,000 characters together, counted as each is read; and
generating the scorer costs time in proportion to the scheme (it grew with its square).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.security.sandbox import isolated, scheme

MESSAGE = ("the scheme has more than 1,000 indicators (branches and leaves, with every file it "
           "extends)")


def leaves(count: int, prefix: str = "l", **spec: Any) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}{k}", "name": "L", "points": 1, "score": {"formula": "x"}, **spec}
            for k in range(count)]


def one_per_line(indicators: list[dict[str, Any]], **top: Any) -> str:
    """A scheme whose indicators are written one per line, from line 2."""
    head = json.loads(scheme(**top))
    del head["indicators"]
    body = ",\n".join(json.dumps(i) for i in indicators)
    return f"{json.dumps(head)[:-1]}, \"indicators\": [\n{body}]}}"


def edition(base: str, indicators: list[dict[str, Any]]) -> str:
    body = ",\n".join(json.dumps(i) for i in indicators)
    return f'{{"perfscore": 1, "extends": "{base}", "edition": 2025, "indicators": [\n{body}]}}'


def test_too_many_indicators_fail_as_they_open(tmp_path: Path) -> None:
    (tmp_path / "flat.yaml").write_text(one_per_line(leaves(13_000), settings={"total": 13_000}),
                                        encoding="utf-8")
    branch = {"id": "b", "name": "B", "children": leaves(1_500)}
    (tmp_path / "deep.yaml").write_text(scheme(indicators=[branch]), encoding="utf-8")
    (tmp_path / "c0.yaml").write_text(one_per_line(leaves(6_800, "a")), encoding="utf-8")
    for i, prefix in enumerate("bcd", 1):
        (tmp_path / f"c{i}.yaml").write_text(edition(f"c{i - 1}.yaml", leaves(6_800, prefix)),
                                             encoding="utf-8")
    flat, deep, chain = isolated(f"folder = {str(tmp_path)!r}",
                                 "perfscore.load(folder + '/flat.yaml')",
                                 "perfscore.load(folder + '/deep.yaml')",
                                 "perfscore.load(folder + '/c3.yaml')", memory=256 * 2**20)
    assert (*flat.raised, flat.line, flat.column) == ("SchemeError", "PS008", MESSAGE, 1002, 1)
    assert (*deep.raised, deep.line) == ("SchemeError", "PS008", MESSAGE, 1)
    assert (*chain.raised, chain.line) == ("SchemeError", "PS008", MESSAGE, 1002)  # in c3
    assert all(o.seconds < 2 for o in (flat, deep, chain)), (flat, deep, chain)


def test_a_chain_is_bounded_as_a_whole(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(one_per_line(leaves(700, "a"), settings={"total": 1_100}),
                                        encoding="utf-8")
    (tmp_path / "top.yaml").write_text(edition("base.yaml", leaves(400, "b")), encoding="utf-8")
    text = "x" * 1_000
    (tmp_path / "big_base.yaml").write_text(scheme(basis=[text] * 1_200), encoding="utf-8")
    (tmp_path / "big_top.yaml").write_text(json.dumps({
        "perfscore": 1, "extends": "big_base.yaml", "edition": 2025, "basis": [text] * 900}),
        encoding="utf-8")
    merged, large = isolated(f"folder = {str(tmp_path)!r}",
                             "perfscore.load(folder + '/top.yaml')",
                             "perfscore.load(folder + '/big_top.yaml')", memory=256 * 2**20)
    # each file has fewer than 1,000; merged, the 1,001st is top.yaml's 301st (line 302)
    assert (*merged.raised, merged.line) == ("SchemeError", "PS008", MESSAGE, 302)
    assert (*large.raised, large.line) == (
        "SchemeError", "PS009", "the scheme and the files it extends hold more than "
        "2,000,000 characters together", 1)


def test_a_thousand_indicators_load(tmp_path: Path) -> None:
    branch = {"id": "b", "name": "B", "children": leaves(999)}
    (tmp_path / "full.yaml").write_text(scheme(indicators=[branch], settings={"total": 999}),
                                        encoding="utf-8")
    (loaded,) = isolated(f"path = {str(tmp_path / 'full.yaml')!r}",
                         "perfscore.load(path).score({'x': 1}).total", memory=512 * 2**20)
    assert loaded.value == "Decimal('999.00')"


def test_generation_costs_in_proportion_to_the_scheme() -> None:
    """Generating the scorer of 8 times the leaves costs about 8 times as long, not 20 (a
    full garbage collection walked every object alive, again and again). Times are the best
    of two, in the child, without its start-up."""
    piece = "max(x * 2 - 1, x / 3, abs(x - 5), min(x, 4))"
    long = " + ".join([piece] * 14)  # 650 characters, 435 parts
    setup = f"""
        import time
        from tests.security.sandbox import scheme
        def loaded(count):
            leaves = [{{"id": f"l{{k}}", "name": "L", "points": 1, "value": {long!r},
                        "score": {{"formula": "value / 1000"}}}} for k in range(count)]
            return perfscore.loads(scheme(indicators=leaves, settings={{"total": count}}))
        SCHEMES = {{count: loaded(count) for count in (100, 800)}}
        def generation(count):
            best = 1e9
            for _ in range(2):
                start = time.process_time()
                SCHEMES[count]._scorer._generate(reference=False)
                best = min(best, time.process_time() - start)
            return best
    """
    small, large = isolated(setup, "generation(100)", "generation(800)", memory=1024 * 2**20)
    ratio = float(large.value or 0) / float(small.value or 1)
    assert ratio < 14, (small.value, large.value)  # about 9 here; 20 and 18 s before
