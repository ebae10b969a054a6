"""The rule-based Python -> Rust translation engine (``rules``): a compiler in passes whose
folders are its passes, in the order they run. Imports flow one way, down this list:
engine -> session -> back -> analysis -> front -> types, ir (diagnostics and runtime are
leaves); no import inside a function (tests/translate/rules/test_layout.py holds it true).

    engine.py        RuleEngine: runs the passes for one Unit; never raises (a refusal is a
                     Translation with diagnostics, a crash an internal_error)
    session.py       per-module state: SigTable (signatures of the unit and its siblings,
                     computed on demand), the front passes of a function or class member
                     (``front``: infer -> definite -> ownership -> iterators -> closures ->
                     dict loops), the class unit (``translate_class``), FnSig records
    diagnostics.py   Refusal, Where; the stable PTxxx codes
    ir/              nodes.py: the typed IR; walk.py: every walker over it (nested statements,
                     owned and nested expressions, bound and read names)
    types/           unify.py: types and unification; tables.py: result types of builtins,
                     math, methods and stdlib calls; aliases.py: module type aliases;
                     paramhints.py: types of unannotated parameters from literal calls
    front/           lower.py (+ lower_exprs.py, params.py): Python ast -> IR, refusing what
                     is outside the subset; callforms.py: calls spelled another way
                     (print(*xs), str.maketrans, itemgetter); classes.py: a class ->
                     ClassModel (hierarchy.py: base classes as enums); generators.py: the
                     plan of an infinite generator; walrus.py, methodalias.py: pass-0 ast
                     rewrites (a hoisted walrus; ``add = seen.add`` calls as ``seen.add``);
                     shadowing.py: a local rebound to another type renamed from there on
                     (the engine's retry after PT022)
    analysis/        infer.py (+ infer_stmts, infer_exprs, infer_calls): types of every node;
                     ownership.py: parameter modes, aliasing; scopes.py: where locals are
                     declared; definite.py: definite assignment; iterators.py: ``iter()``
                     locals; closures.py: what closures capture and change; dictloops.py: dict
                     loops that snapshot keys; nonedefault.py: the ``None``-default idiom;
                     generics.py: TypeVars; generators.py and classes_check.py: checks;
                     facts.py: the results the back end reads (Signature, Typed, Ownership)
    back/            IR -> Rust text. rust.py: the Rust vocabulary (R, precedence, paren,
                     rtype); api.py: EmitterAPI, what handlers may use of the emitter;
                     emitter.py (+ expressions.py, statements.py): the Emitter; function.py:
                     one function's text; handlers by family: calls.py (+ builtins.py,
                     methods.py), operators.py, loops.py, assign.py, fmt.py, closures.py,
                     classes.py, generators.py, nonedefault.py
    runtime/         pyrt.rs (the std-only runtime), select.py (exactly the helpers a crate
                     uses), unicode_tables.py (+ unicode_data/)

A new analysis is a module in ``analysis/`` run from ``session.front``; what it learns goes into a
declared table of ``analysis/facts.py`` (``NodeFacts`` for facts about single nodes, keyed by
``id(node)``, or a field of ``Typed``), never onto IR nodes. Every refusal is a ``Diagnostic``
with a stable code of ``diagnostics.Code``.
"""
