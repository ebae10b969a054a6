"""Exception classes of a module: ``class ParseError(ValueError)`` is a class unit (an empty
struct: raised, it is a panic named after it), its functions raise it under any name, and an
``except`` clause catches it as Python does, by its chain up to the builtin root (``except
ValueError`` catches ``ParseError`` and its subclasses). Checked through rustc and the real
verifier, with a handler that forgets the subclass shown caught as ``mismatch``."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.translate.rules.front import hierarchy
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    crate_with_change,
    rustc,
    verify_compiled,
)
from tests.translate.rules.test_classes import ENGINE, class_unit, translate

ERRORS = {
    "ParseError": 'class ParseError(ValueError):\n    """Bad input."""\n',
    "EmptyField": "class EmptyField(ParseError):\n    pass\n",
    "Skip": "class Skip(Exception):\n    ...\n",
    "Abort": "class Abort(BaseException):\n    pass\n",
}


def function_unit(source: str):
    unit = class_unit(source, context=ERRORS, kind="function")
    return ENGINE.translate(unit)


def test_chains_follow_the_module_classes_to_the_builtin_root() -> None:
    chains = hierarchy.exception_classes({**ERRORS, "Point": "class Point:\n    pass\n"})
    assert chains == {
        "Abort": ("Abort", "BaseException"),
        "EmptyField": ("EmptyField", "ParseError", "ValueError"),
        "ParseError": ("ParseError", "ValueError"),
        "Skip": ("Skip", "Exception"),
    }
    assert hierarchy.caught_by(chains["EmptyField"], "ParseError")
    assert hierarchy.caught_by(chains["EmptyField"], "Exception")
    assert not hierarchy.caught_by(chains["ParseError"], "EmptyField")
    assert not hierarchy.caught_by(chains["ParseError"], "LookupError")
    assert not hierarchy.raisable(chains["Abort"])


def test_a_shadowed_builtin_name_is_the_module_class() -> None:
    sources = {
        "TimeoutError": "class TimeoutError(ParseError):\n    pass\n",
        "ParseError": ERRORS["ParseError"],
    }
    chain = hierarchy.exception_chain("TimeoutError", sources)
    assert chain == ("TimeoutError", "ParseError", "ValueError")


@pytest.mark.parametrize("name", ["ParseError", "EmptyField", "Skip", "Abort"])
def test_exception_class_is_an_empty_struct(name: str) -> None:
    tr = translate(ERRORS[name], context=ERRORS)
    assert tr.ok, tr.reason
    assert f"pub struct {name};" in tr.rust and f"pub fn new() -> {name}" in tr.rust
    assert [s.rust_name for s in tr.signatures] == [f"{name}::new"]


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        (
            "class Details(ValueError):\n    def __init__(self, n):\n"
            "        super().__init__(f'n={n}')\n",
            "untyped parameter n of Details.__init__",
            2,
        ),
        (
            "@register\nclass Marked(Exception):\n    pass\n",
            "exception class Marked with a decorator or keyword is not supported",
            2,
        ),
    ],
)
def test_exception_class_refusals_name_their_line(source: str, message: str, line: int) -> None:
    tr = translate(source)
    assert not tr.ok and message in tr.reason, tr.reason
    assert tr.diagnostics[0].line == line, tr.diagnostics


def test_exception_class_constant_is_read_as_its_value() -> None:
    tr = translate(
        "class Coded(KeyError):\n    code = 3\n\n"
        "    def twice(self) -> int:\n        return self.code * 2\n"
    )
    assert tr.ok, tr.reason
    assert "pub struct Coded;" in tr.rust and "3 * 2" in tr.rust, tr.rust


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "class Coded(OSError):\n    def __init__(self, errno: int):\n"
            "        self.errno = errno\n",
            "exception class Coded sets or defines errno, an attribute of OSError itself",
        ),
        (
            "class Talky(Exception):\n    def __repr__(self) -> str:\n        return 'T()'\n",
            "exception class Talky defines __repr__ without __str__",
        ),
        (
            "class UsesArgs(Exception):\n    def first(self) -> str:\n"
            "        return self.args[0]\n",
            "UsesArgs.args is not an attribute set in __init__",
        ),
        (
            "class Loud(Exception):\n    def __init__(self, n: int):\n"
            "        super().__init__(str(n))\n        self.n = n\n",
            "super() in Loud.__init__",
        ),
    ],
)
def test_exception_class_members_that_are_the_builtins_state_are_refused(
    source: str, message: str
) -> None:
    tr = translate(source)
    assert not tr.ok and message in tr.reason, tr.reason


BASE = {"Base": "class Base(Exception):\n    def __init__(self, n: int):\n        self.n = n\n"}


def test_a_plain_subclass_has_the_members_of_its_ancestor() -> None:
    tr = translate("class Sub(Base):\n    pass\n", context=BASE)
    assert tr.ok, tr.reason
    assert "pub struct Sub {\n    pub n: i64," in tr.rust and "pub fn new(n: i64) -> Sub" in tr.rust


def test_a_subclass_with_members_of_its_own_and_inherited_is_refused() -> None:
    tr = translate(
        "class Sub(Base):\n    def twice(self) -> int:\n        return 2\n", context=BASE
    )
    assert not tr.ok, tr.rust
    assert "inherits the members of exception class Base and has others" in tr.reason, tr.reason


def test_method_alias_is_the_same_method_under_another_name() -> None:
    source = """
    class Shape:
        def __init__(self, w: int):
            self.w = w

        def area(self) -> int:
            return self.w * self.w

        size = area
    """
    tr = translate(source)
    assert tr.ok, tr.reason
    assert {"Shape.area", "Shape.size"} <= {s.py_name for s in tr.signatures}, tr.signatures


def test_handler_lists_the_module_subclasses_it_catches() -> None:
    tr = function_unit(
        """
        def safe(s: str) -> int:
            try:
                return int(s)
            except ValueError:
                return -1
        """
    )
    assert tr.ok, tr.reason
    assert '&["ValueError", "EmptyField", "ParseError"]' in tr.rust, tr.rust
    tr = function_unit(
        """
        def safe(s: str) -> int:
            try:
                return int(s)
            except ParseError:
                return -1
        """
    )
    assert tr.ok, tr.reason
    assert '&["ParseError", "EmptyField"]' in tr.rust, tr.rust


def test_except_exception_does_not_list_a_base_exception_class() -> None:
    tr = function_unit(
        """
        def safe(s: str) -> int:
            try:
                return int(s)
            except Exception:
                return -1
        """
    )
    assert tr.ok, tr.reason
    assert '"Skip"' in tr.rust and '"Abort"' not in tr.rust, tr.rust


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("raise Abort()", "raise Abort() is not supported"),
        ("try:\n        return n\n    except Abort:\n        return 0", "except Abort"),
    ],
)
def test_base_exception_classes_are_not_raised_or_caught(body: str, message: str) -> None:
    tr = function_unit(f"def f(n: int) -> int:\n    {body}\n")
    assert not tr.ok and message in tr.reason, tr.reason


# -- through rustc and the verifier ------------------------------------------------------------

SOURCE = '''
class ParseError(ValueError):
    """Input that is not a number."""


class NegativeInput(ParseError):
    pass


class Skip(Exception):
    pass


class LimitError(ValueError):
    def __init__(self, limit: int, name: str):
        super().__init__(f"{name} over {limit}")
        self.limit = limit
        self.name = name

    def __str__(self) -> str:
        return self.name + " over " + str(self.limit)

    def doubled(self) -> int:
        return self.limit * 2


class ConfigError(Exception):
    def __init__(self, msg: str = ""):
        self.message = msg
        Exception.__init__(self, msg)

    def __repr__(self) -> str:
        return "ConfigError(" + self.message + ")"

    __str__ = __repr__


class NoSection(ConfigError):
    """Inherits everything."""


def parse(s: str) -> int:
    if s.startswith("-"):
        raise NegativeInput("negative: " + s)
    if not s.isdigit():
        raise ParseError("not a number: " + s)
    return int(s)


def safe(s: str) -> int:
    """
    >>> safe("-3")
    -1
    """
    try:
        return parse(s)
    except ValueError:
        return -1


def only_negative(s: str) -> int:
    """
    >>> only_negative("-3")
    0
    """
    try:
        return parse(s)
    except NegativeInput:
        return 0


def skip(n: int) -> int:
    if n < 0:
        raise Skip("negative")
    return n * 2


def skipped(n: int) -> int:
    try:
        return skip(n)
    except Exception as exc:
        if type(exc).__name__ == "Skip":
            return -2
        return -1
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end exception class tests")
    return compile_module(tmp_path_factory.mktemp("exc"), "errors.py", SOURCE)


@pytest.mark.parametrize(
    "name",
    [
        "ParseError",
        "NegativeInput",
        "Skip",
        "LimitError",
        "ConfigError",
        "NoSection",
        "parse",
        "safe",
        "only_negative",
        "skip",
        "skipped",
    ],
)
def test_exception_classes_verify_end_to_end(compiled, name: str) -> None:
    verdict, rows = assert_verifies(compiled, name, examples=16)
    if name == "LimitError":  # its methods, __str__ among them, through the class
        assert {"LimitError.__str__", "LimitError.doubled"} <= {r.function for r in rows}
    if name == "NoSection":  # the members it inherits, __str__ through its alias
        assert {"NoSection.__repr__", "NoSection.__str__"} <= {r.function for r in rows}


def test_verified_inputs_reach_the_handlers(compiled) -> None:
    _, rows = verify_compiled(compiled, "only_negative", examples=16)
    results = {r.python for r in rows}
    assert "0" in results and any(r.startswith("raised ParseError") for r in results), results


def test_a_handler_that_forgets_the_subclass_is_a_mismatch(compiled) -> None:
    files = crate_with_change(
        compiled, '&["ValueError", "NegativeInput", "ParseError"]', '&["ValueError", "ParseError"]'
    )
    verdict, rows = verify_compiled(compiled, "safe", files, examples=16)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:5])
    assert "Rust panicked, Python returned a value" in verdict.reason, verdict


def test_a_wrong_str_of_an_exception_class_is_a_mismatch(compiled) -> None:
    verdict, rows = assert_change_caught(
        compiled, "LimitError", '" over "', '" above "', examples=16
    )
    assert "LimitError.__str__" in verdict.reason, verdict


def test_a_wrong_inherited_member_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "ConfigError", '"ConfigError("', '"ConfigErr("', examples=16)
