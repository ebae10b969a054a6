"""The learned engine: a language model translates what the rule engine refuses (or gets
wrong), and only what compiles and verifies is kept.

- ``backends``: the Backend interface and registry (``transformers`` in-process, ``endpoint``
  for OpenAI-compatible servers); optional extras, imported lazily.
- ``prompt``: the prompt (unit, context, signature, type mapping, pyrt helpers, examples).
- ``extract``: Rust out of a reply, and the entry point the verifier calls.
- ``engine``: LearnedEngine (the Engine protocol; ``translate_batch`` for batches).

The repair loop (compile, verify, feed back) is a stage: ``pipeline/learn.py``.
"""
