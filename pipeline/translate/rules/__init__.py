"""The rule-based Python -> Rust translation engine (``rules``).

A small compiler in passes, each its own module:

    lower      Python ``ast`` -> typed IR (``ir``); refuses unsupported constructs
    infer      type inference (annotations, defaults, locals, containers, narrowing)
    ownership  who mutates what: parameter modes (value/ref/mut; optmut for the ``None``-default
               idiom, ``nonedefault``), aliasing refusals
    iterators  ``it = iter(xs)`` locals: the uses that keep Python's one cursor
    scopes     where each local is declared in Rust (``let`` or hoisted)
    emit       IR -> Rust text (with ``calls``, ``operators``, ``loops``, ``assign``, ``fmt``)
    runtime    the std-only ``pyrt`` module (``pyrt.rs``), only the helpers a unit uses
    engine     ``RuleEngine``: runs the passes for one Unit, never raises

Every refusal is a ``Diagnostic`` with a stable ``PTxxx`` code (see ``diagnostics``).
"""
