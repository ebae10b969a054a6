"""The repository's index of calls from other modules, and what it does to waiting units."""

from __future__ import annotations

from pipeline.records import Diagnostic, Translation, TranslationStatus, Unit
from pipeline.translate.rules.analysis.facts import NO_EVIDENCE
from pipeline.units import crossmod


def unit(
    module: str = "pkg.a",
    qualname: str = "scale",
    calls: tuple[str, ...] = (),
    examples: tuple[tuple[str, str], ...] = (),
) -> Unit:
    return Unit(
        id=f"r:{module}::{qualname}",
        repo="r",
        path=module.replace(".", "/") + ".py",
        module=module,
        qualname=qualname,
        kind="function",
        source="",
        first_line=1,
        last_line=2,
        calls=calls,
        call_examples=examples,
    )


def test_index_orders_by_caller_path_whatever_the_partition_order() -> None:
    calls = [
        ("z.py", "pkg.a", "scale", "scale([1], 2)"),
        ("b.py", "pkg.a", "scale", "scale([], 0)"),
        ("b.py", "pkg.a", "scale", "scale([1], 2)"),
        ("b.py", "pkg.a", "other", "other(1)"),
    ]
    assert crossmod.index(calls) == {
        ("pkg.a", "scale"): ("scale([], 0)", "scale([1], 2)"),
        ("pkg.a", "other"): ("other(1)",),
    }
    assert crossmod.index(calls[1:] + calls[:1]) == crossmod.index(calls)  # z.py's part last


def test_calls_through_a_packages_reexports_count_for_the_function_they_name() -> None:
    calls = [("b.py", "pkg", "scale", "scale([1], 2)"), ("c.py", "pkg.sub", "f", "f(1)")]
    aliases = [
        ("pkg", "scale", "pkg.core.scale"),
        ("pkg.sub", "f", "pkg.f"),
        ("pkg", "f", "pkg.sub.f"),
    ]
    assert crossmod.index(calls, aliases) == {
        ("pkg.core", "scale"): ("scale([1], 2)",),
        ("pkg.sub", "f"): ("f(1)",),
    }  # a cycle stops


def test_widen_adds_the_calls_of_the_unit_and_its_siblings() -> None:
    index = {
        ("pkg.a", "scale"): ("scale([1], 2)", "scale([], 0)"),
        ("pkg.a", "helper"): ("helper(1.5)",),
        ("pkg.b", "scale"): ("scale('x', 1)",),
    }
    waiting = unit(calls=("helper",), examples=(("scale", "scale([], 0)"),))
    added = crossmod.added_calls(waiting, index)
    assert added == (("scale", "scale([1], 2)"), ("helper", "helper(1.5)"))
    assert crossmod.widen(waiting, added).call_examples == (
        ("scale", "scale([], 0)"),
        ("scale", "scale([1], 2)"),
        ("helper", "helper(1.5)"),
    )
    assert crossmod.added_calls(unit(qualname="lonely"), index) == ()
    assert (
        crossmod.added_calls(
            unit(examples=(("scale", "scale([1], 2)"), ("scale", "scale([], 0)"))),
            {("pkg.a", "scale"): ("scale([1], 2)",)},
        )
        == ()
    )


def test_a_module_under_a_source_folder_takes_calls_spelled_from_the_package() -> None:
    index = {("pkg.a", "scale"): ("scale([1], 2)",), ("g.pkg.a", "scale"): ("scale(1, 2)",)}
    assert crossmod.added_calls(unit(module="src.pkg.a"), index) == (("scale", "scale([1], 2)"),)


def test_repository_wording_rewrites_only_want_of_evidence_refusals() -> None:
    def refused(message: str) -> Translation:
        return Translation(
            "u",
            "rules@0",
            TranslationStatus.REFUSED,
            diagnostics=(Diagnostic("PT020", message, 3),),
        )

    waiting = refused(f"untyped parameter q ({NO_EVIDENCE})")
    assert crossmod.awaits_evidence(waiting)
    assert crossmod.repository_wording(waiting).reason == (
        "PT020 line 3: untyped parameter q (no annotation, no typed default, and no call with "
        "a literal for it in its repository)"
    )
    other = refused("untyped parameter v: its calls pass int and float")
    assert not crossmod.awaits_evidence(other)
    assert crossmod.repository_wording(other) is other


def test_a_concrete_type_guessed_from_the_body_waits_for_the_repository_calls() -> None:
    def translated(*typing: str) -> Translation:
        return Translation("u", "rules@0", TranslationStatus.TRANSLATED, "fn f() {}", typing=typing)

    # v * 2 says int; another module's twice(2.5) must be heard before the i64 stands
    assert crossmod.awaits_evidence(translated("v: int (usage)"))
    assert crossmod.awaits_evidence(translated("xs: list[int] (usage)", "k: int (calls)"))
    # a generic holds for whatever its callers pass; typed from calls or annotated: settled
    assert not crossmod.awaits_evidence(translated("x: T (usage)"))
    assert not crossmod.awaits_evidence(translated("xs: list[T] (usage)"))
    assert not crossmod.awaits_evidence(translated("s: str (calls)"))
    assert not crossmod.awaits_evidence(translated())
