"""Classes: dataclasses and plain classes -> struct + impl, and what is refused (with lines)."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.records import Translation, Unit
from pipeline.translate.rules.engine import RuleEngine

ENGINE = RuleEngine()
IMPORTS = (
    "import math",
    "import functools",
    "from dataclasses import dataclass, field",
    "from typing import Dict, List, Optional",
)


def class_unit(
    source: str, context: dict[str, str] | None = None, first_line: int = 1, kind: str = "class"
) -> Unit:
    src = textwrap.dedent(source).strip() + "\n"
    name = (
        src.split("class ", 1)[1].split("(")[0].split(":")[0].strip()
        if kind == "class"
        else src.split("def ", 1)[1].split("(")[0]
    )
    ctx = {k: textwrap.dedent(v).strip() + "\n" for k, v in (context or {}).items()}
    return Unit(
        id=f"t:m.py::{name}",
        repo="t",
        path="m.py",
        module="m",
        qualname=name,
        kind=kind,
        source=src,
        first_line=first_line,
        last_line=first_line + src.count("\n") - 1,
        imports=IMPORTS,
        calls=tuple(sorted(ctx)),
        context=tuple(sorted(ctx.items())),
    )


def translate(source: str, **kw: object) -> Translation:
    return ENGINE.translate(class_unit(source, **kw))  # type: ignore[arg-type]


INVENTORY = """
@dataclass
class Inventory:
    owner: str
    counts: Dict[str, int] = field(default_factory=dict)
    limit: int = 10

    def add(self, name: str, qty: int = 1) -> int:
        self.counts[name] = self.counts.get(name, 0) + qty
        return self.counts[name]

    def total(self) -> int:
        return sum(self.counts.values())

    @staticmethod
    def empty_for(owner: str) -> Inventory:
        return Inventory(owner)

    @classmethod
    def with_limit(cls, owner: str, limit: int) -> Inventory:
        return cls(owner, {}, limit)
"""


def test_dataclass_struct_constructor_and_methods() -> None:
    tr = translate(INVENTORY)
    assert tr.ok, tr.reason
    rust = tr.rust
    assert "#[derive(Clone, Debug, PartialEq)]\npub struct Inventory {" in rust
    assert "    pub counts: crate::pyrt::PyDict<String, i64>,\n" in rust
    assert "pub fn new(owner: String, counts: crate::pyrt::PyDict<String, i64>, limit: i64)" in rust
    assert "pub fn add(&mut self, name: &str, qty: i64) -> i64 {" in rust  # mutates self
    assert "pub fn total(&self) -> i64 {" in rust  # only reads self
    assert "pub fn empty_for(owner: &str) -> Inventory {" in rust  # static: no self
    assert "Self::new(owner.to_string(), crate::pyrt::PyDict::new(), 10)" in rust  # defaults
    assert "Self::new(owner.to_string(), crate::pyrt::PyDict::new(), limit)" in rust  # cls(...)
    names = [s.py_name for s in tr.signatures]
    assert names == [
        "Inventory",
        "Inventory.add",
        "Inventory.total",
        "Inventory.empty_for",
        "Inventory.with_limit",
        "Inventory.__repr__",
    ]  # the generated repr too
    add = tr.signatures[1]
    assert add.rust_name == "Inventory::add" and add.params[0].mode == "mut"
    assert tr.signatures[2].params[0].mode == "ref"
    (cls,) = tr.classes
    assert [p.name for p in cls.fields] == ["owner", "counts", "limit"]
    assert [p.py_type for p in cls.init] == ["str", "dict[str, int]", "int"]


def test_frozen_order_dataclass_derives_ordering_and_repr() -> None:
    tr = translate("""
    @dataclass(frozen=True, order=True)
    class Version:
        major: int
        minor: int = 0

        def __str__(self) -> str:
            return f"{self.major}.{self.minor}"
    """)
    assert tr.ok, tr.reason
    assert "#[derive(Clone, Debug, PartialEq, PartialOrd)]" in tr.rust
    assert "impl crate::pyrt::PyStr for Version {" in tr.rust
    assert 'format!("Version(major={}, minor={})"' in tr.rust  # the dataclass's own repr
    assert [s.rust_name for s in tr.signatures][-2:] == ["Version::py_str", "Version::py_repr"]


def test_plain_class_fields_from_init() -> None:
    tr = translate("""
    class Account:
        def __init__(self, owner: str, balance: int = 0) -> None:
            if balance < 0:
                raise ValueError("negative")
            self.owner = owner
            self.balance = balance
            self.history: List[int] = []

        def deposit(self, amount: int) -> int:
            self.balance += amount
            self.history.append(amount)
            return self.balance

        def __repr__(self) -> str:
            return f"Account({self.owner!r}, {self.balance})"
    """)
    assert tr.ok, tr.reason
    assert "#[derive(Clone, Debug)]\npub struct Account {" in tr.rust  # no dataclass ==
    assert "pub history: Vec<i64>," in tr.rust
    assert "Self { owner, balance, history }" in tr.rust
    assert "pub fn deposit(&mut self, amount: i64) -> i64 {" in tr.rust
    assert "fn py_repr(&self) -> String {" in tr.rust


def test_operator_special_method_and_class_parameter() -> None:
    tr = translate("""
    class Vec2:
        def __init__(self, x: int, y: int) -> None:
            self.x, self.y = x, y

        def __add__(self, o: Vec2) -> Vec2:
            return Vec2(self.x + o.x, self.y + o.y)

        def dot(self, o: Vec2) -> int:
            return self.x * o.x + self.y * o.y
    """)
    assert tr.ok, tr.reason
    assert "pub fn add(&self, o: &Vec2) -> Vec2 {" in tr.rust
    vec2 = class_unit("""
    class Vec2:
        def __init__(self, x: int, y: int) -> None:
            self.x, self.y = x, y

        def __add__(self, o: Vec2) -> Vec2:
            return Vec2(self.x + o.x, self.y + o.y)
    """).source
    fn = ENGINE.translate(
        class_unit(
            """
    def total(vs: List[Vec2]) -> Vec2:
        acc = Vec2(0, 0)
        for v in vs:
            acc = acc + v
        return acc
    """,
            context={"Vec2": vec2},
            kind="function",
        )
    )
    assert fn.ok, fn.reason
    assert "pub fn total(vs: &[Vec2]) -> Vec2 {" in fn.rust
    assert "acc = acc.add(v);" in fn.rust
    assert [c.py_name for c in fn.classes] == ["Vec2"]


REFUSALS = [
    (
        "class C(Base):\n    pass\n",
        "PT050 line 5: class C inherits from Base, not a class of this module (inheritance is "
        "supported from a base class defined in the same module)",
    ),
    (
        "class C(A, B):\n    pass\n",
        "PT050 line 5: class C inherits from A, B (multiple inheritance is not supported)",
    ),
    (
        "class C:\n    count = []\n",
        "PT050 line 6: class-level attribute count (shared by all instances) is not supported "
        "in class C",
    ),
    (
        "class C:\n    count = 0\n\n    def bump(self) -> None:\n        self.count += 1\n",
        "PT050 line 9: class attribute count of C assigned through self (class attributes "
        "changed at runtime are not supported)",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "    @property\n    def double(self) -> int:\n        return 2 * self.x\n"
        "    def f(self) -> None:\n        self.double = 3\n",
        "PT050 line 12: assignment to read-only property double of C",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "    @functools.cache\n    def double(self) -> int:\n        return 2 * self.x\n",
        "PT050 line 8: decorator @functools.cache on method double is not supported",
    ),
    (
        "class Node:\n    def __init__(self, v: int, kids: list[Node]) -> None:\n"
        "        self.v = v\n        self.kids = kids\n",
        "PT050 line 5: node class Node: field kids of type list[Node] (only Optional[Node] "
        "is shared) (docs/nodes.md)",
    ),
    (
        "@dataclass(frozen=True)\nclass P:\n    x: int\n\n    def move(self) -> None:\n"
        "        self.x += 1\n",
        "PT050 line 10: assignment to attribute x of frozen P",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "        self.y = self.z + 1\n",  # (z not set yet: self.x + 1 reads x's local)
        "PT050 line 8: __init__ uses self other than to set attributes at its top level",
    ),
    (
        "class C:\n    def __init__(self) -> None:\n        self.items: List[int] = []\n"
        "    def get(self) -> List[int]:\n        return self.items\n",
        "PT030 line 9: method C.get returns self or one of its mutable attributes (Python "
        "callers would share it)",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "    def __iter__(self) -> int:\n        return self.x\n",
        "PT050 line 8: special method __iter__ of class C is not supported",
    ),
    (
        "class C:\n    def __init__(self, x: str) -> None:\n        self.x = x\n"
        "    def __hash__(self) -> int:\n        return hash(self.x)\n",
        "PT012 line 9: call of hash() with these arguments is not supported",
    ),
    (
        "class Vec:\n    pass\n",
        "PT050 line 5: class name Vec (a Rust type name must be capitalised and not shadow a std "
        "or runtime type)",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "    def new(self) -> int:\n        return self.x\n",
        "PT050 line 8: method new would share the Rust name new with another member",
    ),
    (
        "class C:\n    def __init__(self, x=None) -> None:\n        self.x = x\n",
        "PT020 line 6: untyped parameter x of C.__init__ (its uses in __init__ give no type, "
        "and no call C(...) with a literal for it in its module)",
    ),
    (
        "@dataclass\nclass P:\n    x: float\n\n    def same(self, o: P) -> bool:\n"
        "        return self == o\n",
        "PT014 line 10: comparison == of P objects with float fields (NaN identity)",
    ),
    (
        "class C:\n    def __init__(self, x: int) -> None:\n        self.x = x\n"
        "    def f(self) -> int:\n        return self.missing\n",
        "PT050 line 9: C.missing is not an attribute set in __init__ (class attributes are "
        "not supported)",
    ),
]


@pytest.mark.parametrize(("source", "reason"), REFUSALS, ids=[r[1][:40] for r in REFUSALS])
def test_refusals_name_construct_and_line(source: str, reason: str) -> None:
    tr = translate(source, first_line=5)
    assert not tr.ok
    assert tr.reason == reason


def test_property_getter_and_setter() -> None:
    tr = translate("""
    class Temp:
        def __init__(self, celsius: float) -> None:
            self.celsius = celsius

        @property
        def fahrenheit(self) -> float:
            return self.celsius * 9 / 5 + 32

        @fahrenheit.setter
        def fahrenheit(self, value: float) -> None:
            self.celsius = (value - 32) * 5 / 9

        def warmer(self, by: float) -> float:
            self.fahrenheit = self.fahrenheit + by
            return self.celsius
    """)
    assert tr.ok, tr.reason
    assert "pub fn fahrenheit(&self) -> f64 {" in tr.rust
    assert "pub fn set_fahrenheit(&mut self, value: f64) {" in tr.rust
    assert "self.set_fahrenheit(self.fahrenheit() + by);" in tr.rust
    assert [s.py_name for s in tr.signatures][1:3] == [
        "Temp.fahrenheit.fget",
        "Temp.fahrenheit.fset",
    ]


def test_function_calling_mutating_methods_takes_mut() -> None:
    account = """
    class Account:
        def __init__(self, balance: int) -> None:
            self.balance = balance

        def deposit(self, amount: int) -> int:
            self.balance += amount
            return self.balance
    """
    fn = ENGINE.translate(
        class_unit(
            """
    def pay(a: Account, n: int) -> int:
        a.deposit(n)
        b = Account(0)
        b.deposit(n)
        return a.balance + b.balance
    """,
            context={"Account": account},
            kind="function",
        )
    )
    assert fn.ok, fn.reason
    assert "pub fn pay(a: &mut Account, n: i64) -> i64 {" in fn.rust
    assert "let mut b = Account::new(0);" in fn.rust


def test_constructor_arguments_that_would_be_shared_are_refused() -> None:
    bag = """
    @dataclass
    class Bag:
        items: List[int]
    """
    fn = ENGINE.translate(
        class_unit(
            """
    def fill(xs: List[int]) -> int:
        b = Bag(xs)
        xs.append(1)
        return len(b.items)
    """,
            context={"Bag": bag},
            kind="function",
            first_line=3,
        )
    )
    assert fn.reason == (
        "PT030 line 4: argument xs of Bag(...) is kept by the new object (Python would share it)"
    )


def test_user_eq_and_lt_become_trait_impls() -> None:
    tr = translate("""
    class Money:
        def __init__(self, cents: int) -> None:
            self.cents = cents

        def __eq__(self, other: Money) -> bool:
            return self.cents == other.cents

        def __lt__(self, other: Money) -> bool:
            return self.cents < other.cents
    """)
    assert tr.ok, tr.reason
    assert "impl PartialEq for Money {\nfn eq(&self, other: &Money) -> bool {" in tr.rust
    assert "impl PartialOrd for Money {" in tr.rust
    assert "    fn gt(&self, other: &Self) -> bool {\n        other.lt(self)" in tr.rust
    assert [s.rust_name for s in tr.signatures][1:] == ["Money::eq", "Money::lt"]
    refused = translate(
        """
    class Money:
        def __init__(self, cents: int) -> None:
            self.cents = cents

        def __eq__(self, other: object) -> bool:
            return other == self.cents
    """,
        first_line=5,
    )
    assert refused.reason == "PT050 line 9: __eq__ must take one parameter annotated Money"


def test_eq_on_object_in_its_usual_forms_and_hash() -> None:
    tr = translate("""
    class Money:
        def __init__(self, cents: int) -> None:
            self.cents = cents

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Money) and self.cents == other.cents

        def __hash__(self) -> int:
            return hash(self.cents)
    """)
    assert tr.ok, tr.reason
    assert "fn eq(&self, other: &Money) -> bool {\n    self.cents == other.cents\n}" in tr.rust
    assert "pub fn py_hash(&self) -> i64 {\n    crate::pyrt::hash_int(self.cents)\n}" in tr.rust
    second = translate("""
    class Acct:
        def __init__(self, owner: str) -> None:
            self.owner = owner

        def __eq__(self, other: object) -> bool:
            if not isinstance(other, Acct):
                return NotImplemented
            return self.owner == other.owner
    """)
    assert second.ok, second.reason
    assert "fn eq(&self, other: &Acct) -> bool {\n    self.owner == other.owner\n}" in (second.rust)


def test_function_using_an_untranslatable_class_is_refused() -> None:
    shape = "class Shape:\n    names: List[str] = []\n"
    fn = ENGINE.translate(
        class_unit(
            """
    def describe(s: Shape) -> int:
        return 1
    """,
            context={"Shape": shape},
            kind="function",
        )
    )
    assert not fn.ok
    assert fn.reason.startswith("PT040 class Shape cannot be translated: class attribute names")


def test_class_records_survive_the_cache() -> None:
    import json

    from pipeline.serialize import translation_from_dict, translation_to_dict

    tr = translate(INVENTORY, first_line=7)
    data = json.loads(json.dumps(translation_to_dict(tr, 7)))
    back = translation_from_dict(data, tr.unit_id, 7)
    base = family_unit("Shape")
    assert (
        translation_from_dict(
            json.loads(json.dumps(translation_to_dict(base, 1))), base.unit_id, 1
        ).classes
        == base.classes
    )
    assert back == tr
    assert back.classes[0].defaults == ("{}", "10")


def test_constructor_called_with_unpacked_list() -> None:
    tr = translate("""
    @dataclass(frozen=True)
    class Version:
        major: int
        minor: int = 0

        @classmethod
        def parse(cls, text: str) -> Version:
            parts = [int(p) for p in text.split(".")]
            return cls(*parts)
    """)
    assert tr.ok, tr.reason
    assert "1 => Self::new(items[0], 0)," in tr.rust
    assert "2 => Self::new(items[0], items[1])," in tr.rust
    assert 'n => panic!("TypeError: Version() takes 1 to 2 arguments ({n} given)"),' in tr.rust


def test_results_that_are_a_parameters_object_are_shared() -> None:
    """``pick`` hands back its argument itself: a caller changing the result changes the
    argument in Python; Rust returns a copy, so such a caller is refused."""
    p = """
    @dataclass
    class P:
        v: int
    """
    pick = "def pick(a: P, b: P) -> P:\n    return a\n"
    fn = ENGINE.translate(
        class_unit(
            """
    def caller(x: P, y: P) -> int:
        c = pick(x, y)
        c.v = 5
        return x.v
    """,
            context={"P": p, "pick": pick},
            kind="function",
            first_line=3,
        )
    )
    assert fn.reason == "PT030 line 4: c shares a mutable object with x and c is changed in place"
    reader = ENGINE.translate(
        class_unit(
            """
    def reader(x: P, y: P) -> int:
        c = pick(x, y)
        return c.v + 1
    """,
            context={"P": p, "pick": pick},
            kind="function",
        )
    )
    assert reader.ok, reader.reason


# ---------------------------------------------------------------- single inheritance

SHAPES = {
    "Shape": """
class Shape:
    name: str = "shape"

    def area(self) -> float:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.name} with area {self.area():.2f}"
""",
    "Rect": """
class Rect(Shape):
    name = "rect"

    def __init__(self, w: float, h: float) -> None:
        super().__init__()
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h
""",
    "Disc": """
class Disc(Shape):
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return math.pi * self.r ** 2
""",
}


def family_unit(name: str, source: str | None = None, first_line: int = 1) -> Translation:
    """Translate ``name`` with the other SHAPES classes as its module."""
    context = {k: v for k, v in SHAPES.items() if k != name}
    return translate(source or SHAPES[name], context=context, first_line=first_line)


def test_base_class_is_an_enum_whose_methods_dispatch() -> None:
    tr = family_unit("Shape")
    assert tr.ok, tr.reason
    rust = tr.rust
    assert "pub enum Shape {\n    Base,\n    Disc(Disc),\n    Rect(Rect),\n}" in rust
    assert "pub fn new() -> Shape {\n    Shape::Base\n}" in rust
    assert (
        "pub fn area(&self) -> f64 {\n    match self {\n        Shape::Base => "
        "self.base_area(),\n        Shape::Disc(o) => o.area(),\n        Shape::Rect(o) => "
        "o.area(),\n    }\n}"
    ) in rust
    assert 'fn base_describe(&self) -> String {\n    format!("{} with area {}", "shape"' in rust
    assert {c.py_name: c.variants for c in tr.classes}["Shape"] == ("Disc", "Rect")


def test_subclass_gets_copies_of_inherited_methods_with_its_constants() -> None:
    rect = family_unit("Rect")
    assert rect.ok, rect.reason
    assert "pub struct Rect {\n    pub w: f64,\n    pub h: f64,\n}" in rect.rust
    assert '"rect", crate::pyrt::fmt_fixed(self.area(), 2)' in rect.rust  # its own constant
    disc = family_unit("Disc")
    assert disc.ok, disc.reason
    assert '"shape", crate::pyrt::fmt_fixed(self.area(), 2)' in disc.rust  # the base's
    assert {s.py_name for s in disc.signatures} == {"Disc", "Disc.area", "Disc.describe"}


def test_function_over_a_list_of_the_base_class() -> None:
    tr = ENGINE.translate(
        class_unit(
            """
    def total(shapes: List[Shape]) -> float:
        return sum(s.area() for s in shapes)
    """,
            context=SHAPES,
            kind="function",
        )
    )
    assert tr.ok, tr.reason
    assert "pub fn total(shapes: &[Shape]) -> f64" in tr.rust
    assert {c.py_name for c in tr.classes} == {"Shape", "Rect", "Disc"}


HIERARCHY_REFUSALS = [
    (
        "Rect",
        SHAPES["Rect"].replace("super().__init__()", "super().__init__(w)"),
        "PT050 line 5: super() in Rect.__init__ (only a bare super().__init__() first in "
        "__init__ is supported)",
    ),
    (
        "Rect",
        SHAPES["Rect"].replace("return self.w * self.h", "return super().area() + self.w"),
        "PT050 line 10: super() in Rect.area (only a bare super().__init__() first in __init__ "
        "is supported)",
    ),
    (
        "Rect",
        SHAPES["Rect"].replace("def area(self)", "def area(self, k: float = 1.0)"),
        "PT050 line 9: Rect.area overrides Shape.area with other parameters or decorators (not "
        "supported)",
    ),
    (
        "Rect",
        SHAPES["Rect"].replace("self.w = w", "self.w = w\n        self.name = 'x'"),
        "PT050 line 7: class attribute name of Rect assigned through self (class attributes "
        "changed at runtime are not supported)",
    ),
    (
        "Shape",
        SHAPES["Shape"].replace(
            "    def area", "    def __init__(self) -> None:\n        self.k = 1\n\n    def area"
        ),
        "PT050 line 4: __init__ of base class Shape (subclass fields set through "
        "super().__init__) is not supported",
    ),
    (
        "Shape",
        SHAPES["Shape"].replace(
            "    def area", "    def __str__(self) -> str:\n        return 'x'\n\n    def area"
        ),
        "PT050 line 4: special method __str__ of base class Shape is not supported",
    ),
]


@pytest.mark.parametrize(
    ("name", "source", "reason"), HIERARCHY_REFUSALS, ids=[r[2][:50] for r in HIERARCHY_REFUSALS]
)
def test_hierarchy_refusals_name_construct_and_line(name: str, source: str, reason: str) -> None:
    tr = family_unit(name, source)
    assert not tr.ok
    assert tr.reason == reason


def test_other_hierarchies_are_refused() -> None:
    deeper = family_unit("Square", "class Square(Rect):\n    name = 'square'\n")
    assert deeper.reason == (
        "PT050 line 1: class Square inherits from Rect, itself a "
        "subclass (one level of inheritance is supported)"
    )
    changed = dict(SHAPES, Disc=SHAPES["Disc"].replace("return math.pi * self.r ** 2", "return 1"))
    changed["Disc"] = changed["Disc"].replace("def area(self) -> float", "def area(self) -> int")
    tr = translate(SHAPES["Shape"], context={k: v for k, v in changed.items() if k != "Shape"})
    assert tr.reason == (
        "PT050 line 1: Disc.area has another Rust signature than Shape.area "
        "(types or borrowing differ)"
    )
    isinst = ENGINE.translate(
        class_unit(
            """
    def is_rect(s: Shape) -> bool:
        return isinstance(s, Rect)
    """,
            context=SHAPES,
            kind="function",
        )
    )
    assert isinst.reason.startswith("PT012")
