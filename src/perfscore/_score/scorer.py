"""Scoring one validated record: lets, checks, every indicator, rounding, missing policies,
totals with rescaling, grade (SPEC §2.2, §3, §6).
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .._common.errors import PerfscoreError, RecordError
from .._common.language import Lang
from .._common.messages import Term
from .._common.numbers import CONTEXT, ZERO, round_to, show
from .._expr.reference import Evaluator, RecordBudget, spends
from .._expr.syntax import Expr
from .._expr.translate import TranslatedEvaluator
from .._methods import Run
from .._model.tree import CompiledScheme
from .._source.format import Settings
from .codegen import GeneratedScorer, generate
from .items import Assembly
from .notes import Notes
from .result import BudgetBlock, Context, Flag, Item, Result, Scored, Tree, Unworded, made
from .tally import Tally, noted

Notice = tuple[str, dict[str, Any]]
"""A warning of the total's before it is made a ``Flag``: its code and facts."""


def method_expressions(compiled: CompiledScheme) -> list[Expr]:
    """The expressions methods evaluate themselves: tier tests and formulas."""
    found: list[Expr] = []
    for root in compiled.indicators:
        for leaf in root.leaves():
            assert leaf.method is not None
            found += leaf.method.expressions()
    return found


def expressions(compiled: CompiledScheme) -> list[Expr]:
    """Every expression of a compiled scheme: lets, checks, values, targets, tier tests and
    formulas."""
    found = [expr for _, expr in compiled.lets] + [expr for expr, _ in compiled.checks]
    for root in compiled.indicators:
        found += [e for leaf in root.leaves() for e in (leaf.value, leaf.target)
                  if e is not None]
    return found + method_expressions(compiled)


class Setting:
    """What a record is scored under: perfscore's decimal context, whatever the caller's, and
    a fresh budget when the scheme's expressions can spend from one. Made once per stream of
    records and entered for each: entering swaps the thread's decimal context in and out (a
    ``localcontext`` copies it every time), and refills the same budget."""

    __slots__ = ("_budget", "_context", "_saved")
    _saved: decimal.Context  # the caller's, from each enter to its exit

    def __init__(self, budgeted: bool) -> None:
        self._context = CONTEXT.copy()
        self._budget = RecordBudget() if budgeted else None

    def __enter__(self) -> None:
        self._saved = decimal.getcontext()
        decimal.setcontext(self._context)
        if self._budget is not None:
            self._budget.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self._budget is not None:
            self._budget.__exit__()
        decimal.setcontext(self._saved)


class Scorer:
    """Everything needed to score records of one scheme; shareable between threads: all it
    changes after it is made is its two generated functions, each made on first use, the
    same whichever thread makes it.

    Every score runs the scheme's generated function (``_generate``) with its expressions
    inlined, unless the reference evaluator (simpleeval) is asked for.
    """

    def __init__(self, compiled: CompiledScheme, settings: Settings, context: Context,
                 meta: tuple[str, str, str], scheme_file: str,
                 always_present: frozenset[str], numbers: frozenset[str], *, ask_reasons: bool,
                 header: tuple[tuple[str, str, str | None], ...],
                 budget_unit: str | None) -> None:
        self.compiled = compiled
        self.settings = settings
        self.context = context
        self.meta = meta  # scheme id, edition, title
        self.scheme_file = scheme_file
        self._always_present = always_present
        self._numbers = numbers  # the numeric inputs, which admitting a record bounds
        # tier tests and formulas, which a method evaluates itself through `run`
        self._method_evaluator = TranslatedEvaluator(method_expressions(compiled), always_present,
                                                     numbers)
        # a budget per record only where an expression can spend from it
        self.budgeted = any(spends(expr) for expr in expressions(compiled))
        self._ask_reasons = ask_reasons
        self._fast: GeneratedScorer | None = None
        self._header = header  # (input, label, unit) of each heading field
        self._budget_unit = budget_unit  # of the budget block's amounts
        self._reference: GeneratedScorer | None = None
        self._assembly = Assembly(compiled.indicators, context)
        # what a result may have beside its leaves' points whatever the record: required
        # indicators, a heading, a budget block (``_reviewed``)
        self._beside = bool(self._assembly.required or header or compiled.budget)

    def generated(self, *, reference: bool) -> GeneratedScorer:
        """The function generated for the fast path (or the reference path), made when first
        asked for: a scheme loaded to be checked, described or compared is never scored, and
        for a large one generating and compiling the function is half of loading it. (Two
        threads may both make it: equal functions, and either kept.)"""
        if reference:
            if self._reference is None:
                self._reference = self._generate(reference=True)
            return self._reference
        if self._fast is None:
            self._fast = self._generate(reference=False)
        return self._fast

    def _generate(self, *, reference: bool) -> GeneratedScorer:
        rounding = self.settings.rounding
        return generate(self.compiled, self.context, self.scheme_file, rounding.places,
                        rounding.mode, self._always_present, self._numbers, reference=reference)

    def setting(self) -> Setting:
        """What records of this scheme are scored under; one serves a whole stream."""
        return Setting(self.budgeted)

    def score(self, scope: dict[str, Any], provenance: Mapping[str, str], file: str | None,
              *, reference: bool, lang: Lang, notes: Notes) -> Result:
        """The record's result, scored under a ``setting`` the caller has entered; a
        rejection (RecordError) is worded in ``lang``."""
        run: Run | None = None
        if reference:
            scorer, evaluator = self.generated(reference=True).function, Evaluator()
            run = lambda expr: evaluator.run(expr, scope)  # noqa: E731 - one per record
        else:
            fast = self._fast or self.generated(reference=False)
            scorer, compiled = fast.function, self._method_evaluator
            if fast.runs:
                run = lambda expr: compiled.run(expr, scope)  # noqa: E731
        try:
            shape, tally, raised = scorer(scope, run, file, notes)
        except RecordError as error:  # a method refused the record: say so in its language
            raise error.reword(lang, file) from None
        return self.result(scope, (shape, tally, raised), provenance, file, lang, notes)

    def result(self, scope: dict[str, Any],
               scored: tuple[tuple[Item | Scored, ...], Tally, list[Flag]],
               provenance: Mapping[str, str], file: str | None, lang: Lang, notes: Notes
               ) -> Result:
        """The result of what the generated scorer gave for a record (``scored``)."""
        shape, tally, raised = scored
        tree = Tree(self._assembly, shape, notes)
        if raised or tally.rejected or notes.ignored or self._beside:
            return self._reviewed(scope, shape, tree, tally, raised, provenance, file, lang,
                                  notes)
        total, grade, last = self._total(tally, (), file, lang)
        later = Unworded(_worded, shape, notes, self._ask_reasons, (), last, ())
        return self._made(total, grade, tree, later, provenance, (), None)

    def _reviewed(self, scope: dict[str, Any], shape: tuple[Item | Scored, ...], tree: Tree,
                  tally: Tally, raised: list[Flag], provenance: Mapping[str, str],
                  file: str | None, lang: Lang, notes: Notes) -> Result:
        """The result of a record with more to it than its leaves' points: items that reject
        it, vetoes, inputs it gave for nothing, required indicators, a heading, a budget
        block. Its warnings in their order: the rows' (when auditing), the ignored inputs,
        the required indicators not scored, the leaves', the total's; its flags the
        leaves', then the vetoes that hold."""
        rejected: list[PerfscoreError] = [
            RecordError.of("PS303", {"item": Term(item.explain("en"), item.explain("zh"))},
                           file=file, where=item.id, lang=lang)
            for item in tally.rejected]
        warnings = [flag for flag in raised if flag.code != "veto"]
        if notes.ignored:
            warnings.append(Flag(None, "ignored", {"names": [
                self.context.labels.get(name, name) for name in notes.ignored]}))
        for node in self._assembly.unscored(shape):
            if notes.lenient:
                warnings.append(Flag(node.id, "required_missing", {"name": node.name}))
            else:
                rejected.append(RecordError.of("PS324", {"name": node.name}, file=file,
                                               where=node.id, lang=lang))
        if rejected:
            raise RecordError.collect(rejected)
        vetoes = [flag for flag in raised if flag.code == "veto"]
        header = tuple((label, show(value, unit) if isinstance(value, Decimal) else value)
                       for name, label, unit in self._header
                       if isinstance(value := scope.get(name), str | Decimal))
        total, grade, last = self._total(tally, vetoes, file, lang)
        later = Unworded(_worded, shape, notes, self._ask_reasons, warnings, last, vetoes)
        return self._made(total, grade, tree, later, provenance, header, self._budget(scope))

    def _total(self, tally: Tally, vetoes: Sequence[Flag], file: str | None, lang: Lang
               ) -> tuple[Decimal, str | None, list[Notice]]:
        """The total, its grade, and the total's warnings (rescaled, too few points
        assessed), each as its code and facts: its ``Flag`` is made when a result is asked
        for its warnings (``_worded``), as a leaf's is; making it was a third of this."""
        settings = self.settings
        places, mode = settings.rounding.places, settings.rounding.mode
        awarded, assessed_max = tally.awarded, tally.assessed
        warnings: list[Notice] = []
        if not tally.complete:
            if assessed_max == 0:
                raise RecordError.of("PS304", file=file, lang=lang)
            full = settings.total
            rescaled = round_to(awarded / assessed_max * full, places, mode)
            warnings.append(("rescaled", {"assessed": assessed_max, "full": full,
                                          "awarded": awarded, "rescaled": rescaled}))
            awarded = rescaled
        total = awarded + tally.extra
        total = round_to(total if total > ZERO else ZERO, places, mode)
        grade = None
        grades = self.compiled.grades
        for low, label in grades:
            if total >= low:
                grade = label
                break
        grade = capped(grade, grades, vetoes)
        least = settings.min_assessed  # a share of the points that apply: 不适用 is no gap
        if least is not None and assessed_max < least * (settings.total - tally.inapplicable):
            grade = None
            warnings.append(("min_assessed", {"assessed": assessed_max,
                                              "full": settings.total - tally.inapplicable,
                                              "least": least}))
        return total, grade, warnings

    def _made(self, total: Decimal, grade: str | None, tree: Tree, later: Unworded,
              provenance: Mapping[str, str], header: tuple[tuple[str, str], ...],
              budget: BudgetBlock | None) -> Result:
        """The result, its flags and warnings made when first read."""
        scheme, edition, title = self.meta
        return made(scheme, edition, title, total, self.settings.total, grade, tree, later,
                    later, provenance, self.context, header, budget)

    def _budget(self, scope: Mapping[str, Any]) -> BudgetBlock | None:
        block = self.compiled.budget
        if block is None:
            return None

        def amount(name: str) -> Decimal | None:
            value = scope.get(name)  # an integer input's value may be an int
            return Decimal(value) if isinstance(value, Decimal | int) and \
                not isinstance(value, bool) else None

        return BudgetBlock(amount(block.initial), amount(block.full_year), amount(block.spent),
                           self._budget_unit, block.indicator)



def capped(grade: str | None, grades: Sequence[tuple[Decimal, str]],
           vetoes: Iterable[Flag]) -> str | None:
    """``grade`` as the vetoes that hold leave it (SPEC §8.4): at most the lowest grade any
    of them names; no grade stays none. An audit caps a unit's own grade so too."""
    labels = [label for _, label in grades]
    worst = max((labels.index(flag.facts["grade"]) for flag in vetoes), default=-1)
    if grade is not None and labels.index(grade) < worst:
        return labels[worst]
    return grade


def _worded(shape: tuple[Item | Scored, ...], notes: Notes, ask_reasons: bool,
            before: Sequence[Flag], after: Sequence[Notice], vetoes: Sequence[Flag]
            ) -> tuple[tuple[Flag, ...], tuple[Flag, ...]]:
    """A result's flags — the leaves', then the ``vetoes`` — and warnings: those ``before``
    the leaves' (the record's own), the leaves', and those ``after`` them (the total's)."""
    flags, warnings = noted(shape, notes, ask_reasons)
    return (*flags, *vetoes), (*before, *warnings,
                               *(Flag(None, code, facts) for code, facts in after))
