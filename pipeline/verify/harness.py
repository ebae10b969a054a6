"""Generate the Rust harness: one binary that calls every tested function on its inputs.

The harness links the crate under test (``--extern <crate>=lib<crate>.rlib``). Each tested
function gets one Rust fn ``case_fn_<k>(id)`` holding a ``match`` over its case ids, so that a
rustc error can be traced back (by line range) to the function whose call did not type-check.
It builds the arguments of the
requested case (one ``match`` arm per case, from ``pytypes.rust_literal``), calls once and
returns the row's body; ``main`` picks the function by pointer and runs it under one
``catch_unwind`` closure. The harness's build time grows with the number of functions more
than with the inputs (a closure per case was 2-3 times slower to build than one per function,
and one per function ~1.5 times slower than plain functions).

``main`` reads ``<memory_mb> <cpu_s> <case ids…>`` from argv, sets its own rlimits, and
prints one JSON line per case, in order, after a ``\x1eportalis-row `` marker, on the
process's original stdout:

    {"c": <id>, "us": <microseconds>, "ok": <result>, "muts": [<mutated args>]}
    {"c": <id>, "us": <microseconds>, "raised": "<panic message>"}

with ``"out": "<text>"`` / ``"err": "<text>"`` after ``us`` when the call wrote something to
stdout / stderr. The tested code's ``print!``/``println!`` (``eprint!``…) go to fd 1 (fd 2),
which ``capture`` points at in-memory files (``memfd``; unlinked files in the working
directory where that is missing) before the first call: after each call the harness flushes
Rust's stdout buffer and, only where a file's offset moved, reads the text back and empties the
file (one ``lseek`` per stream and call that wrote nothing).

Values are written by the harness's own ``ToJson`` trait: ints and floats as JSON numbers
(NaN / Infinity / -Infinity spelled out), strings, ``()`` as null, Vec / tuples / HashSet as
arrays, Option as null-or-value, ``PyDict`` / ``PyOrderedDict`` as an array of
``[key, value]`` pairs and ``PyDeque`` as an array of its items (one impl per concrete dict or
deque type used).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.pytypes import BASE_VARIANT, MAPPINGS, OPT_MUT, ClassShape, PyType, rust_type

PRELUDE = r"""#![allow(unused, non_snake_case, unused_mut, unused_parens, clippy::all)]
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};

trait ToJson {
    fn to_json(&self, out: &mut String);
}
impl ToJson for i64 {
    fn to_json(&self, out: &mut String) { write!(out, "{}", self).unwrap(); }
}
impl ToJson for u8 {
    fn to_json(&self, out: &mut String) { write!(out, "{}", self).unwrap(); }
}
impl ToJson for bool {
    fn to_json(&self, out: &mut String) { out.push_str(if *self { "true" } else { "false" }); }
}
impl ToJson for f64 {
    fn to_json(&self, out: &mut String) {
        if self.is_nan() { out.push_str("NaN") }
        else if *self == f64::INFINITY { out.push_str("Infinity") }
        else if *self == f64::NEG_INFINITY { out.push_str("-Infinity") }
        else { write!(out, "{:?}", self).unwrap(); }
    }
}
impl ToJson for str {
    fn to_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => { write!(out, "\\u{:04x}", c as u32).unwrap(); }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}
impl ToJson for String {
    fn to_json(&self, out: &mut String) { self.as_str().to_json(out) }
}
impl ToJson for () {
    fn to_json(&self, out: &mut String) { out.push_str("null") }
}
impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, out: &mut String) { (**self).to_json(out) }
}
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, out: &mut String) {
        match self { Some(v) => v.to_json(out), None => out.push_str("null") }
    }
}
fn json_seq<'a, T: ToJson + 'a>(items: impl Iterator<Item = &'a T>, out: &mut String) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 { out.push(','); }
        item.to_json(out);
    }
    out.push(']');
}
impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, out: &mut String) { json_seq(self.iter(), out) }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, out: &mut String) { json_seq(self.iter(), out) }
}
impl<T: ToJson, S> ToJson for HashSet<T, S> {
    fn to_json(&self, out: &mut String) { json_seq(self.iter(), out) }
}
macro_rules! tuple_json {
    ($($name:ident . $idx:tt),+) => {
        impl<$($name: ToJson),+> ToJson for ($($name,)+) {
            fn to_json(&self, out: &mut String) {
                out.push('[');
                $( if $idx > 0 { out.push(','); } self.$idx.to_json(out); )+
                out.push(']');
            }
        }
    };
}
tuple_json!(A.0);
tuple_json!(A.0, B.1);
tuple_json!(A.0, B.1, C.2);
tuple_json!(A.0, B.1, C.2, D.3);
tuple_json!(A.0, B.1, C.2, D.3, E.4);
tuple_json!(A.0, B.1, C.2, D.3, E.4, F.5);
tuple_json!(A.0, B.1, C.2, D.3, E.4, F.5, G.6);
tuple_json!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);

/// The arguments of the cases whose function reads them as data (``harness.inputs``: one
/// record ``<id> <bytes>:<payload>\n`` per case) instead of from ``match`` arms.
static INPUTS: &str = include_str!("harness.inputs");

/// Malformed input data is the harness's own fault: abort (the case is reported crashed,
/// never as a result of the tested code).
fn lit_fail() -> ! {
    eprintln!("portalis harness: malformed input data");
    std::process::abort()
}

struct Lit { b: &'static [u8], i: usize }
impl Lit {
    fn byte(&mut self) -> u8 {
        let c = *self.b.get(self.i).unwrap_or_else(|| lit_fail());
        self.i += 1;
        c
    }
    fn tag(&mut self, want: u8) { if self.byte() != want { lit_fail() } }
    fn until(&mut self, end: u8) -> &'static str {
        let start = self.i;
        while self.byte() != end {}
        let b: &'static [u8] = self.b;
        std::str::from_utf8(&b[start..self.i - 1]).unwrap_or_else(|_| lit_fail())
    }
    fn number<T: std::str::FromStr>(&mut self, end: u8) -> T {
        self.until(end).parse().unwrap_or_else(|_| lit_fail())
    }
    fn bytes(&mut self, n: usize) -> &'static [u8] {
        let b: &'static [u8] = self.b;
        let got = b.get(self.i..self.i.saturating_add(n)).unwrap_or_else(|| lit_fail());
        self.i += n;
        got
    }
}

fn input_span(id: usize) -> (usize, usize) {
    static SPANS: std::sync::OnceLock<Vec<(usize, usize)>> = std::sync::OnceLock::new();
    let spans = SPANS.get_or_init(|| {
        let mut spans = Vec::new();
        let mut r = Lit { b: INPUTS.as_bytes(), i: 0 };
        while r.i < r.b.len() {
            let id: usize = r.number(b' ');
            let n: usize = r.number(b':');
            if spans.len() <= id { spans.resize(id + 1, (usize::MAX, 0)); }
            spans[id] = (r.i, r.i.saturating_add(n));
            r.bytes(n);
            r.tag(b'\n');
        }
        spans
    });
    *spans.get(id).unwrap_or_else(|| lit_fail())
}

/// Case ``id``'s arguments decoded from ``INPUTS`` (all of its record, or abort).
fn args_of<T: FromLit>(id: usize) -> T {
    let (start, end) = input_span(id);
    let b = INPUTS.as_bytes().get(start..end).unwrap_or_else(|| lit_fail());
    let mut r = Lit { b, i: 0 };
    let value = T::from_lit(&mut r);
    if r.i != b.len() { lit_fail() }
    value
}

trait FromLit: Sized {
    fn from_lit(r: &mut Lit) -> Self;
}
impl FromLit for i64 {
    fn from_lit(r: &mut Lit) -> i64 { r.tag(b'i'); r.number(b';') }
}
impl FromLit for u8 {
    fn from_lit(r: &mut Lit) -> u8 { r.tag(b'i'); r.number(b';') }
}
impl FromLit for f64 {
    fn from_lit(r: &mut Lit) -> f64 {
        r.tag(b'f');
        f64::from_bits(u64::from_str_radix(r.until(b';'), 16).unwrap_or_else(|_| lit_fail()))
    }
}
impl FromLit for bool {
    fn from_lit(r: &mut Lit) -> bool {
        match r.byte() { b'T' => true, b'F' => false, _ => lit_fail() }
    }
}
impl FromLit for String {
    fn from_lit(r: &mut Lit) -> String {
        r.tag(b's');
        let n: usize = r.number(b':');
        String::from(std::str::from_utf8(r.bytes(n)).unwrap_or_else(|_| lit_fail()))
    }
}
impl<T: FromLit> FromLit for Vec<T> {
    fn from_lit(r: &mut Lit) -> Vec<T> {
        r.tag(b'l');
        let n: usize = r.number(b':');
        (0..n).map(|_| T::from_lit(r)).collect()
    }
}
impl<T: FromLit> FromLit for Option<T> {
    fn from_lit(r: &mut Lit) -> Option<T> {
        match r.byte() { b'N' => None, b'S' => Some(T::from_lit(r)), _ => lit_fail() }
    }
}
macro_rules! tuple_lit {
    ($($name:ident),*) => {
        impl<$($name: FromLit),*> FromLit for ($($name,)*) {
            fn from_lit(r: &mut Lit) -> Self { ($($name::from_lit(r),)*) }
        }
    };
}
tuple_lit!();
tuple_lit!(A);
tuple_lit!(A, B);
tuple_lit!(A, B, C);
tuple_lit!(A, B, C, D);
tuple_lit!(A, B, C, D, E);
tuple_lit!(A, B, C, D, E, F);
tuple_lit!(A, B, C, D, E, F, G);
tuple_lit!(A, B, C, D, E, F, G, H);

thread_local! {
    // the nodes (shared handles) met in the value being written, by address
    static NODES: std::cell::RefCell<Vec<usize>> = std::cell::RefCell::new(Vec::new());
    // nodes being written, one inside the other (a long list is cut, as Python's pipe cuts it)
    static NODE_DEPTH: std::cell::Cell<usize> = std::cell::Cell::new(0);
}
const MAX_NODE_DEPTH: usize = 200; // below the JSON nesting the verifier reads back
fn node_seen(address: usize) -> Option<usize> {
    NODES.with(|n| {
        let mut n = n.borrow_mut();
        let k = n.iter().position(|a| *a == address);
        if k.is_none() { n.push(address); }
        k
    })
}
fn value_json(value: &dyn ToJson, out: &mut String) {
    NODES.with(|n| n.borrow_mut().clear());
    value.to_json(out);
}
fn ok_json(result: &dyn ToJson, muts: &[&dyn ToJson]) -> String {
    let mut out = String::from("\"ok\":");
    value_json(result, &mut out);
    out.push_str(",\"muts\":[");
    for (i, m) in muts.iter().enumerate() {
        if i > 0 { out.push(','); }
        value_json(*m, &mut out);
    }
    out.push(']');
    out
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() { return s.to_string(); }
    if let Some(s) = payload.downcast_ref::<String>() { return s.clone(); }
    String::from("panic")
}

fn run(id: usize, f: &dyn Fn() -> String, capture: &mut capture::Capture) {
    let start = std::time::Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(f));
    let us = start.elapsed().as_micros();
    let body = match outcome {
        Ok(body) => body,
        Err(payload) => {
            let mut out = String::from("\"raised\":");
            panic_text(payload).to_json(&mut out);
            out
        }
    };
    let mut row = format!("\x1eportalis-row {{\"c\":{},\"us\":{},", id, us);
    let _ = std::io::stdout().flush();
    for (key, file) in [("out", &mut capture.out), ("err", &mut capture.err)] {
        let printed = capture::drain(file);
        if !printed.is_empty() {
            write!(row, "\"{}\":", key).unwrap();
            printed.to_json(&mut row);
            row.push(',');
        }
    }
    row.push_str(&body);
    row.push_str("}\n");
    capture.rows.write_all(row.as_bytes()).unwrap();
}

mod capture {
    use std::fs::File;
    use std::io::{Read, Seek, SeekFrom};
    use std::os::unix::io::{FromRawFd, IntoRawFd};
    extern "C" {
        fn dup(fd: i32) -> i32;
        fn dup2(old: i32, new: i32) -> i32;
    }
    #[cfg(target_os = "linux")]
    fn memory_file() -> i32 {
        extern "C" {
            fn memfd_create(name: *const u8, flags: u32) -> i32;
        }
        unsafe { memfd_create(b"portalis-output\0".as_ptr(), 1) } // MFD_CLOEXEC
    }
    #[cfg(not(target_os = "linux"))]
    fn memory_file() -> i32 { -1 }
    fn unlinked_file(target: i32) -> i32 {
        let path = format!("portalis-output-{}-{}", std::process::id(), target);
        let file = std::fs::OpenOptions::new()
            .read(true).write(true).create(true).truncate(true).open(&path)
            .expect("output capture: no file for the tested code's output");
        let _ = std::fs::remove_file(&path);
        file.into_raw_fd()
    }
    /// fd ``target`` pointed at a new in-memory file, returned (they share one offset).
    fn redirect(target: i32) -> File {
        let mut fd = memory_file();
        if fd < 0 { fd = unlinked_file(target); }
        unsafe {
            assert!(dup2(fd, target) >= 0, "output capture: dup2 failed");
            File::from_raw_fd(fd)
        }
    }
    /// ``rows``: the original stdout; fds 1 and 2 (the tested code's prints) go to ``out``
    /// and ``err``.
    pub struct Capture { pub rows: File, pub out: File, pub err: File }
    impl Capture {
        pub fn start() -> Capture {
            let rows = unsafe { dup(1) };
            assert!(rows >= 0, "output capture: dup failed");
            let rows = unsafe { File::from_raw_fd(rows) };
            Capture { rows, out: redirect(1), err: redirect(2) }
        }
    }
    /// What was written to ``file`` since the last drain ("" when nothing); the file is
    /// emptied (its fd shares the offset, so the next call writes from 0 again).
    pub fn drain(file: &mut File) -> String {
        let end = file.stream_position().expect("output capture: lseek failed");
        if end == 0 { return String::new(); }
        let mut bytes = Vec::with_capacity(end as usize);
        file.seek(SeekFrom::Start(0)).expect("output capture: lseek failed");
        (&*file).take(end).read_to_end(&mut bytes).expect("output capture: read failed");
        file.set_len(0).expect("output capture: truncate failed");
        file.seek(SeekFrom::Start(0)).expect("output capture: lseek failed");
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod limits {
    #[repr(C)]
    struct RLimit { cur: u64, max: u64 }
    extern "C" {
        fn getrlimit(resource: i32, rlim: *mut RLimit) -> i32;
        fn setrlimit(resource: i32, rlim: *const RLimit) -> i32;
    }
    pub const CPU: i32 = 0;
    pub const FSIZE: i32 = 1;
    pub const CORE: i32 = 4;
    pub const AS: i32 = 9;
    pub fn set(resource: i32, value: u64) {
        unsafe {
            let mut r = RLimit { cur: 0, max: 0 };
            if getrlimit(resource, &mut r) != 0 { return; }
            r.cur = if r.max == u64::MAX { value } else { value.min(r.max) };
            setrlimit(resource, &r);
        }
    }
    pub fn apply(memory_mb: u64, cpu_s: u64) {
        set(AS, memory_mb << 20);
        set(CPU, cpu_s);
        set(CORE, 0);
        set(FSIZE, 64 << 20);
    }
}
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
mod limits {
    pub fn apply(_memory_mb: u64, _cpu_s: u64) {}
}
"""

MAIN = """
fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    limits::apply(args[0].parse().unwrap(), args[1].parse().unwrap());
    let mut capture = capture::Capture::start();
    for id in args[2..].iter().map(|a| a.parse::<usize>().unwrap()) {
        let case: fn(usize) -> String = match FN_OF[id] {
%s
            _ => continue,
        };
        run(id, &|| case(id), &mut capture);
    }
}
"""


@dataclass(frozen=True)
class HarnessCase:
    """One call to write into the harness: its id and each argument's Rust expression, and
    the arguments as input data (:func:`input_data`) where their types allow."""

    id: int
    literals: tuple[str, ...]
    data: str | None = None


@dataclass(frozen=True)
class HarnessFn:
    """One function under test: where it lives, how it is called, and its cases."""

    index: int
    path: str  # full Rust path, e.g. "demo::pkg::mod_::gcd"
    params: tuple[tuple[PyType, str], ...]  # (type, mode) per parameter
    returns: PyType
    cases: tuple[HarnessCase, ...]
    wrap: str = "$CALL"  # the expression computing the result from the call (callables.py)
    observed: tuple[int, ...] = ()  # parameters serialised after the call (mut, objects)
    classes: tuple[ClassShape, ...] = ()  # classes its types mention

    @property
    def class_map(self) -> dict[str, ClassShape]:
        return {c.name: c for c in self.classes}

    @property
    def reads_data(self) -> bool:
        """Whether its cases' arguments are read from the input data (every case has data)
        rather than written as ``match`` arms."""
        return bool(self.cases) and all(case.data is not None for case in self.cases)


@dataclass
class HarnessSource:
    """Generated harness text and, per function index, its 1-based line range."""

    text: str
    lines: dict[int, tuple[int, int]] = field(default_factory=dict)
    data: str = ""  # the input data (``harness.inputs``) its ``include_str!`` reads

    def fn_at(self, line: int) -> int | None:
        """The function index whose generated code contains ``line``, if any."""
        for index, (first, last) in self.lines.items():
            if first <= line <= last:
                return index
        return None


def rust_call_path(crate: str, module: tuple[str, ...], rust_name: str) -> str:
    """``<crate>::<module path>::<rust_name>`` (the module path may be empty)."""
    return "::".join((crate, *module, rust_name))


def class_impl(shape: ClassShape, crate: str, classes: dict[str, ClassShape]) -> str:
    """ToJson for one translated struct: the array of its field values, in field order
    (a base class's enum: ``[class name, fields]`` of the variant's object)."""
    if shape.variants:
        return variants_impl(shape)
    if shape.handle:
        return handle_impl(shape)
    parts = "        out.push(',');\n".join(
        f"        self.{_field(n)}.to_json(out);\n" for n, _ in shape.fields
    )
    return (
        f"impl ToJson for {shape.path} {{\n"
        "    fn to_json(&self, out: &mut String) {\n"
        "        out.push('[');\n"
        f"{parts}"
        "        out.push(']');\n"
        "    }\n"
        "}\n"
    )


def handle_impl(shape: ClassShape) -> str:
    """ToJson for a node class's handle: its fields, or ``{"ref":k}`` for a node already
    written in the same value (``k``: the order the walk first met it; cycles end there)."""
    parts = "        out.push(',');\n".join(
        f"        data.{_field(n)}.to_json(out);\n" for n, _ in shape.fields
    )
    return (
        f"impl ToJson for {shape.path} {{\n"
        "    fn to_json(&self, out: &mut String) {\n"
        "        if let Some(k) = node_seen(std::rc::Rc::as_ptr(&self.0) as *const u8 as usize) {\n"
        '            write!(out, "{{\\"ref\\":{}}}", k).unwrap();\n'
        "            return;\n"
        "        }\n"
        "        let depth = NODE_DEPTH.with(|d| d.get());\n"
        "        if depth >= MAX_NODE_DEPTH {\n"
        '            out.push_str("{\\"deep\\":true}");\n'
        "            return;\n"
        "        }\n"
        "        NODE_DEPTH.with(|d| d.set(depth + 1));\n"
        "        let data = self.0.borrow();\n"
        "        out.push('[');\n"
        f"{parts}"
        "        out.push(']');\n"
        "        NODE_DEPTH.with(|d| d.set(depth));\n"
        "    }\n"
        "}\n"
    )


def variants_impl(shape: ClassShape) -> str:
    """ToJson for a base class's enum: ``["Base",[]]`` for its own (fieldless) instances,
    ``["Sub",[fields]]`` for a subclass's."""
    own = f'out.push_str("[\\"{shape.name}\\",[]]")'
    arms = [f"            {shape.path}::{BASE_VARIANT} => {own},\n"]
    arms += [
        f"            {shape.path}::{v}(o) => {{\n"
        f'                out.push_str("[\\"{v}\\",");\n'
        "                o.to_json(out);\n"
        "                out.push(']');\n"
        "            }\n"
        for v in shape.variants
    ]
    return (
        f"impl ToJson for {shape.path} {{\n"
        "    fn to_json(&self, out: &mut String) {\n"
        "        match self {\n"
        f"{''.join(arms)}"
        "        }\n"
        "    }\n"
        "}\n"
    )


def _field(name: str) -> str:
    from pipeline.rustnames import ident

    return ident(name)


def dict_impl(t: PyType, crate: str, classes: dict[str, ClassShape] | None = None) -> str:
    """ToJson for one concrete PyDict type (concrete, so that whatever bounds the crate's
    PyDict puts on ``iter`` are met without the harness knowing them); a PyDeque is written
    as the array of its items."""
    if t.name == "deque":
        return (
            f"impl ToJson for {rust_type(t, crate, classes)} {{\n"
            "    fn to_json(&self, out: &mut String) { json_seq(self.iter(), out) }\n"
            "}\n"
        )
    return (
        f"impl ToJson for {rust_type(t, crate, classes)} {{\n"
        "    fn to_json(&self, out: &mut String) {\n"
        "        out.push('[');\n"
        "        for (i, (k, v)) in self.iter().enumerate() {\n"
        "            if i > 0 { out.push(','); }\n"
        "            out.push('['); k.to_json(out); out.push(','); v.to_json(out); out.push(']');\n"
        "        }\n"
        "        out.push(']');\n"
        "    }\n"
        "}\n"
    )


def dict_types(t: PyType) -> list[PyType]:
    """Every dict (and OrderedDict, deque) type inside ``t`` (innermost first), ``t``
    included."""
    found = [d for a in t.args for d in dict_types(a)]
    return [*found, t] if t.name in (*MAPPINGS, "deque") else found


def serialised_dicts(fns: list[HarnessFn]) -> list[tuple[PyType, dict[str, ClassShape]]]:
    """The distinct dict types the harness serialises (returns, observed parameters and the
    fields of objects), each with the classes that name its types."""
    seen: dict[str, tuple[PyType, dict[str, ClassShape]]] = {}
    for fn in fns:
        roots = [fn.returns, *(fn.params[i][0] for i in fn.observed)]
        roots += [t for c in fn.classes for _, t in c.fields]
        for d in (d for root in roots for d in dict_types(root)):
            key = rust_type(d, "crate", fn.class_map)
            seen.setdefault(key, (d, fn.class_map))
    return list(seen.values())


def serialised_classes(fns: list[HarnessFn]) -> list[tuple[ClassShape, dict[str, ClassShape]]]:
    """The distinct structs the harness serialises (by Rust path)."""
    seen: dict[str, tuple[ClassShape, dict[str, ClassShape]]] = {}
    for fn in fns:
        for c in fn.classes:
            seen.setdefault(c.path, (c, fn.class_map))
    return list(seen.values())


def _tuple(parts: list[str]) -> str:
    """Rust tuple syntax with trailing commas: ``()``, ``(a,)``, ``(a, b,)``."""
    return "(" + "".join(f"{p}, " for p in parts).rstrip() + ")"


def fn_source(fn: HarnessFn, crate: str) -> list[str]:
    """``case_fn_<k>``: bind the arguments of case ``id`` (one match arm per case), call once,
    serialise the result and the ``mut`` arguments."""
    classes = fn.class_map
    names = [
        f"{'mut ' if mode in ('mut', OPT_MUT) else ''}a{i}" for i, (_, mode) in enumerate(fn.params)
    ]
    types = [rust_type(t, crate, classes) for t, _ in fn.params]
    call_args = [
        {"value": f"a{i}", "ref": f"&a{i}", "mut": f"&mut a{i}", OPT_MUT: f"a{i}.as_mut()"}[mode]
        for i, (_, mode) in enumerate(fn.params)
    ]
    for i in fn.observed:  # a node passed by value: another reference to the same object
        if fn.params[i][1] == "value":
            call_args[i] = f"a{i}.clone()"
    muts = [f"&a{i}" for i in fn.observed]
    call = f"{fn.path}({', '.join(call_args)})"
    ret = rust_type(fn.returns, crate, classes)
    out = [f"fn case_fn_{fn.index}(id: usize) -> String {{"]
    if fn.reads_data:
        out += [f"    let {_tuple(names)}: {_tuple(types)} = args_of(id);"]
    else:
        out += [f"    let {_tuple(names)}: {_tuple(types)} = match id {{"]
        out += [f"        {case.id} => {_tuple(list(case.literals))}," for case in fn.cases]
        out += ["        _ => unreachable!(),", "    };"]
    out += [
        f"    let r: {ret} = {fn.wrap.replace('$CALL', call)};",
        f"    ok_json(&r, &[{', '.join(muts)}])",
        "}",
    ]
    return out


def big_int_impl(crate: str) -> str:
    """ToJson for the runtime's unbounded int: its decimal digits, a JSON number."""
    return (
        f"impl ToJson for {crate}::pyrt::Int {{\n"
        '    fn to_json(&self, out: &mut String) { write!(out, "{}", self).unwrap(); }\n'
        "}\n"
    )


def _has_big_int(t: PyType) -> bool:
    return t.name == "bigint" or any(_has_big_int(a) for a in t.args)


def uses_big_ints(fns: list[HarnessFn]) -> bool:
    """Whether some function takes or returns unbounded ints (``bigint``)."""
    types = [t for fn in fns for t in (fn.returns, *(p for p, _ in fn.params))]
    types += [t for fn in fns for c in fn.classes for _, t in c.fields]
    return any(_has_big_int(t) for t in types)


PRELUDE_TUPLE_ARITY = 8  # the prelude's ``tuple_json!`` lines cover tuples up to this size


def _tuple_arities(t: PyType) -> set[int]:
    own = {len(t.args)} if t.name == "tuple" else set()
    return own.union(*(_tuple_arities(a) for a in t.args))


def wide_tuple_impls(fns: list[HarnessFn]) -> list[str]:
    """``tuple_json!`` lines for the tuples wider than the prelude's that ``fns`` serialise."""
    types = [t for fn in fns for t in (fn.returns, *(fn.params[i][0] for i in fn.observed))]
    types += [t for fn in fns for c in fn.classes for _, t in c.fields]
    arities = set().union(*(_tuple_arities(t) for t in types))
    return [
        "tuple_json!(" + ", ".join(f"T{i}.{i}" for i in range(n)) + ");"
        for n in sorted(arities)
        if n > PRELUDE_TUPLE_ARITY
    ]


def generate(crate: str, fns: list[HarnessFn], with_dict: bool) -> HarnessSource:
    """The whole harness for ``fns`` (``with_dict``: the crate has ``pyrt::PyDict``)."""
    lines = PRELUDE.splitlines() + wide_tuple_impls(fns)
    if uses_big_ints(fns):
        lines += big_int_impl(crate).splitlines()
    for t, classes in serialised_dicts(fns):
        if with_dict or t.name == "deque":  # a deque in a signature: the crate has PyDeque
            lines += dict_impl(t, crate, classes).splitlines()
    for shape, classes in serialised_classes(fns):
        lines += class_impl(shape, crate, classes).splitlines()
    source = HarnessSource("")
    for fn in fns:
        first = len(lines) + 1
        lines += fn_source(fn, crate)
        source.lines[fn.index] = (first, len(lines))
    source.data = "".join(
        _record(case.id, case.data) for fn in fns if fn.reads_data for case in fn.cases
    )
    owner = {case.id: fn.index for fn in fns for case in fn.cases}
    size = max(owner, default=-1) + 1
    table = ", ".join(str(owner.get(i, "usize::MAX")) for i in range(size))
    lines.append(f"const FN_OF: [usize; {size}] = [{table}];")
    arms = "\n".join(f"            {fn.index} => case_fn_{fn.index}," for fn in fns)
    lines += (MAIN % arms).splitlines()
    source.text = "\n".join(lines) + "\n"
    return source


def _record(case_id: int, data: str | None) -> str:
    """One case's record in the input data: ``<id> <bytes>:<payload>\n``."""
    assert data is not None
    return f"{case_id} {len(data.encode('utf-8'))}:{data}\n"


MAX_DATA_TUPLE = 8  # the harness decodes tuples (and argument lists) up to this length


def input_data(types: Sequence[PyType], args: Sequence[object]) -> str | None:
    """``args`` (of parameter ``types``) as the harness's input data, which its ``FromLit``
    decodes at run time into the values ``rust_literal`` writes (ints and floats exactly:
    floats by their bits); None where a type is not one it decodes (dicts, sets, objects,
    callables, big ints), where there are too many, or for a string that is not UTF-8.

    Building the arguments from data instead of a ``match`` arm per case keeps the harness's
    build time growing with its functions, not with their inputs."""
    if len(types) > MAX_DATA_TUPLE or len(types) != len(args):
        return None
    if not all(_decodable(t) for t in types):  # also when no value needs it (None, [])
        return None
    parts = [_data(t, a) for t, a in zip(types, args, strict=True)]
    return None if any(p is None for p in parts) else "".join(parts)  # type: ignore[arg-type]


_DECODED_SCALARS = frozenset({"bool", "int", "float", "str", "bytes", "None"})


def _decodable(t: PyType) -> bool:
    """Whether the harness's ``FromLit`` decodes values of type ``t`` (its Rust type has an
    impl): an ``Optional[dict]`` does not, even for an argument that is ``None``."""
    if t.name in _DECODED_SCALARS:
        return True
    if t.name in ("Optional", "list", "tuple..."):
        return _decodable(t.args[0])
    if t.name == "tuple":
        return len(t.args) <= MAX_DATA_TUPLE and all(_decodable(a) for a in t.args)
    return False


def _data(t: PyType, value: object) -> str | None:
    name = t.name
    if name == "bool":
        return ("T" if value else "F") if isinstance(value, bool) else None
    if name == "int":
        return f"i{value};" if _is_i64(value) else None
    if name == "float":
        if not isinstance(value, float | int) or isinstance(value, bool):
            return None
        return "f" + struct.pack(">d", float(value)).hex() + ";"
    if name == "str":
        return _str_data(value)
    if name == "bytes" and isinstance(value, bytes | bytearray):
        return f"l{len(value)}:" + "".join(f"i{b};" for b in value)
    if name == "None":
        return "" if value is None else None
    if name == "Optional":
        inner = None if value is None else _data(t.args[0], value)
        return "N" if value is None else (None if inner is None else "S" + inner)
    if name in ("list", "tuple...") and isinstance(value, list | tuple):
        items = [_data(t.args[0], v) for v in value]
        return None if None in items else f"l{len(items)}:" + "".join(items)  # type: ignore[arg-type]
    if name == "tuple" and isinstance(value, tuple) and len(value) == len(t.args):
        return input_data(t.args, value)
    return None


def _is_i64(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _str_data(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate
        return None
    return f"s{size}:{value}"
