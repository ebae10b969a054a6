"""``portalis serve``: an HTTP API and a web playground on the same Dask cluster as batch runs.

    auth.py       API keys (SHA-256 at rest) -> tenants and their tiers
    limits.py     per-tenant token buckets
    snippet.py    the Dask task behind POST /v1/translate (same stages and cache as a run)
    jobs.py       batch jobs (POST/GET/DELETE /v1/jobs) run by the pipeline's runner
    metrics.py    the service's Prometheus metrics (request latency histograms, outcomes)
    errors.py     JSON errors with stable codes
    app.py        the FastAPI application; server.py starts the cluster, the app and uvicorn
    static/       the playground page (plain files, no build step)

FastAPI and uvicorn are the ``serve`` extra.
"""
