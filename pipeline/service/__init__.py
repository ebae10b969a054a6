"""``portalis serve``: an HTTP API and a web playground on the same Dask cluster as batch runs.

    auth.py       API keys (SHA-256 at rest) -> tenants and their tiers
    limits.py     per-tenant token buckets
    snippet.py    the Dask task behind POST /v1/translate (same stages and cache as a run)
    batching.py   micro-batches of translation-only requests, one task (one rustc) each
    jobs.py       batch jobs (POST/GET/DELETE /v1/jobs) run by the pipeline's runner
    memory.py     answers given before, kept in memory in front of the cache (LRU, bytes)
    errors.py     JSON errors with stable codes
    app.py        the FastAPI application; server.py checks the settings (preflight), then
                  starts the cluster, the app and uvicorn
    static/       the playground page (plain files, no build step)

Its Prometheus series live in ``pipeline/metrics.py`` with the others. FastAPI, uvicorn (with
uvloop and httptools) and orjson are the ``serve`` extra.
"""
