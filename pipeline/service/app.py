"""The FastAPI application: routes, authentication, rate limits, body limits, JSON errors.

Nothing CPU-bound runs on the event loop: translations are Dask tasks awaited through an
asynchronous client, cache lookups and job bookkeeping run in the thread pool. An answer given
before is found in the service's memory (``memory.py``) by its key: no thread, no cache round
trip, no task. Everything a request needs from the configuration (run configs, key prefixes,
the isolation probe) is computed once, when the state is built.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' annotations, and
# ``TenantDep`` is local to create_app.
import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import fsspec
import orjson
from distributed import Client
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline import __version__
from pipeline.cache import Cache
from pipeline.childprio import AtPriority
from pipeline.cluster import Queue
from pipeline.config import RunConfig, TierLimits
from pipeline.metrics import (
    HTTP_REQUEST_SECONDS,
    REGISTRY,
    SERVE_BATCH_SIZE,
    SERVE_JOBS,
    SERVE_REJECTED,
    SERVE_TRANSLATIONS,
)
from pipeline.service.auth import KeyRing, Tenant
from pipeline.service.batching import Batcher
from pipeline.service.errors import ApiError, api_error_handler, error_response
from pipeline.service.jobs import Job, JobManager
from pipeline.service.lane import Lane, LaneFault
from pipeline.service.limits import RateLimiter
from pipeline.service.memory import AnswerMemory
from pipeline.service.snippet import answer_keys, cacheable, cached_answer, translate_snippets
from pipeline.verify.isolation import probe

log = logging.getLogger(__name__)
DISCONNECT_POLL_S = 0.5
STATIC = Path(__file__).with_name("static")
ARCHIVE_TYPES = {
    "application/zip": "upload.zip",
    "application/gzip": "upload.tar.gz",
    "application/x-gzip": "upload.tar.gz",
    "application/x-tar": "upload.tar",
}


class TranslateRequest(BaseModel):
    source: str = Field(..., min_length=1, max_length=200_000, description="Python source")
    function: str | None = Field(
        None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="Answer for this unit only"
    )
    verify: bool = Field(False, description="Run verification (if the tier allows it)")


class JobRequest(BaseModel):
    source: str = Field(..., min_length=1, max_length=4096, description="fsspec URL or path")


@dataclass
class ServiceState:
    """Everything the routes share; built by ``server.py``."""

    config: RunConfig
    keys: KeyRing
    scheduler: str
    cache: Cache | None
    interactive: Queue  # the workload policy's queue of requests (Dask and OS priority)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    jobs: JobManager | None = None
    client: Client | None = None
    lane: Lane | None = None  # the service's own processes for translation-only misses
    isolation: str | None = field(init=False)  # why verification cannot be isolated, or None
    memory: AnswerMemory = field(init=False)
    _configs: dict[bool, RunConfig] = field(init=False)  # by verification on/off
    _keys: dict[bool, Callable[[str], str]] = field(init=False)

    def __post_init__(self) -> None:
        self.isolation = probe()
        self.memory = AnswerMemory(self.config.service.answer_memory_mb * 2**20)
        self._configs = {v: _translate_config(self.config, v) for v in (False, True)}
        self._keys = {v: answer_keys(c) for v, c in self._configs.items()}

    def tier(self, tenant: Tenant) -> TierLimits:
        tiers = self.config.service.tiers
        return tiers.get(tenant.tier) or tiers.get("default") or TierLimits()

    def translate_config(self, tenant: Tenant, verify: bool) -> tuple[RunConfig, str]:
        """The run config of one translation, and why verification does not run (or "")."""
        note = ""
        if verify and not self.tier(tenant).verify:
            note = f"verification is not part of the {tenant.tier!r} tier"
        elif verify and self.isolation is not None:
            note = f"verification refused: isolation unavailable: {self.isolation}"
        return self.config_for(verify and not note), note

    def config_for(self, verify: bool) -> RunConfig:
        return self._configs[verify]

    def answer_key(self, source: str, config: RunConfig) -> str:
        return self._keys[config.verify.enabled](source)

    async def lookup(self, key: str) -> dict | None:
        """The answer already given for ``key``: from memory, else from the cache (in the
        thread pool; remembered)."""
        answer = self.memory.get(key)
        if answer is None and self.cache is not None:
            answer = await run_in_threadpool(cached_answer, self.cache, key)
            if answer is not None:
                self.memory.put(key, answer)
        return answer

    def remember(self, key: str, answer: dict) -> None:
        """A fresh answer, kept in memory as in the cache: only with a cache, never a fault."""
        if self.cache is not None and cacheable(answer):
            self.memory.put(key, answer)


def _translate_config(config: RunConfig, verify: bool) -> RunConfig:
    """Pairs exported (the verification rows), the Python run only inside the isolation."""
    return config.with_overrides(export_pairs=True, verify__enabled=verify, verify__isolation="on")


class _Limits:
    """ASGI middleware: request latency histograms, and request bodies cut off at the limit
    (413) whether or not they declare a Content-Length."""

    def __init__(self, app: Any, state: ServiceState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = self.state.config.service
        upload = scope["path"] == "/v1/jobs" and scope["method"] == "POST"
        limit = settings.max_upload_bytes if upload else settings.max_body_bytes
        started, status = time.perf_counter(), [500]
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, limit)
            return
        if declared is None:  # chunked: read it all here, up to the limit, then replay it
            body = await _read_body(receive, limit)
            if body is None:
                await self._too_large(scope, receive, send, limit)
                return
            receive = _replay(body, receive)

        async def recorded_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recorded_send)
        finally:
            route = scope.get("route")
            label = getattr(route, "path", "unmatched")
            HTTP_REQUEST_SECONDS.labels(label, scope["method"], str(status[0])).observe(
                time.perf_counter() - started
            )

    async def _too_large(self, scope: dict, receive: Any, send: Any, limit: int) -> None:
        SERVE_REJECTED.labels("body_too_large").inc()
        response = error_response("body_too_large", f"request body over {limit} bytes")
        await response(scope, receive, send)


async def _read_body(receive: Any, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:
            return None
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive: Any) -> Any:
    """A receive channel that gives ``body`` once, then the connection's own messages (a
    response may wait on them for the client's disconnect)."""
    sent = False

    async def replayed() -> dict:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def create_app(state: ServiceState) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.client = await Client(state.scheduler, asynchronous=True, set_as_default=False)
        if state.config.service.fast_path:
            state.lane = Lane(state.config.service.batch_slots)
            await state.lane.warm(state.config.engine)
        try:
            yield
        finally:
            if state.lane is not None:
                state.lane.close()
            await state.client.close()

    app = FastAPI(
        title="Portalis",
        version=__version__,
        description="Python to verified Rust: interactive translation and batch jobs.",
        lifespan=lifespan,
    )
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal)
    app.add_middleware(_Limits, state=state)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    async def tenant_of(request: Request) -> Tenant:
        key = request.headers.get("x-api-key")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            key = auth[7:].strip()
        tenant = state.keys.tenant(key)
        if tenant is None:
            SERVE_REJECTED.labels("unauthorized").inc()
            raise ApiError("unauthorized", "missing or unknown API key (X-API-Key or Bearer)")
        tier = state.tier(tenant)
        wait = state.limiter.take(tenant.name, tier.requests_per_minute, tier.burst)
        if wait > 0:
            SERVE_REJECTED.labels("rate_limited").inc()
            raise ApiError(
                "rate_limited",
                f"rate limit of the {tenant.tier!r} tier reached; retry in {wait:.1f} s",
                {"Retry-After": str(max(1, round(wait)))},
            )
        return tenant

    TenantDep = Annotated[Tenant, Depends(tenant_of)]
    plain = state.config_for(False)

    async def run_batch(sources: list[str], keys: list[str]) -> list[dict]:
        SERVE_BATCH_SIZE.observe(len(sources))
        args = (sources, plain, state.cache, keys)
        if state.lane is not None:
            with contextlib.suppress(LaneFault):  # logged; the cluster takes it instead
                return await _in_lane(state, state.lane, translate_snippets, *args)
        return await _on_cluster(state, translate_snippets, *args)

    settings = state.config.service
    batcher = Batcher(
        run_batch, settings.batch_window_ms / 1000, settings.max_batch, settings.batch_slots
    )

    @app.get("/", include_in_schema=False)
    async def playground() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/healthz", tags=["operations"])
    async def healthz() -> dict:
        assert state.client is not None
        identity = await state.client.scheduler.identity(n_workers=-1)
        workers = len(identity.get("workers", {}))
        return {"status": "ok", "workers": workers, "isolation": state.isolation or "bubblewrap"}

    @app.get("/metrics", tags=["operations"])
    async def metrics() -> Response:
        if state.jobs is not None:
            for name, count in state.jobs.states().items():
                SERVE_JOBS.labels(name).set(count)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    @app.post("/v1/translate", tags=["translate"])
    async def translate(body: TranslateRequest, tenant: TenantDep, request: Request) -> Response:
        """Translate a function or module (the same engine, cache and statuses as a batch
        run); with ``verify``, run it against its Python on generated inputs, isolated."""
        started = time.perf_counter()
        config, note = state.translate_config(tenant, body.verify)
        key = state.answer_key(body.source, config)
        answer = await state.lookup(key)
        cached = answer is not None
        if answer is None and config.verify.enabled:  # alone: its Python runs
            args = ([body.source], config, state.cache, [key])
            work = _on_cluster(state, translate_snippets, *args)
            answer = (await _unless_gone(request, work))[0]  # its client gone: cancelled
        elif answer is None:
            answer = await batcher.translate(body.source, key)
        if not cached:
            state.remember(key, answer)
        shaped = _shape(answer, body.function, cached, body.verify, note)
        for unit in shaped["units"]:
            SERVE_TRANSLATIONS.labels(unit["status"], "true" if cached else "false").inc()
        shaped["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return Response(orjson.dumps(shaped), media_type="application/json")

    @app.post("/v1/jobs", status_code=202, tags=["jobs"])
    async def submit_job(request: Request, tenant: TenantDep) -> dict:
        """Start a batch run of one repository: JSON ``{"source": URL}``, or an archive
        posted as the body (``application/zip``, ``application/gzip``, ``application/x-tar``)."""
        jobs = _jobs(state)
        if jobs.running(tenant.name) >= state.tier(tenant).max_jobs:
            raise ApiError("too_many_jobs", f"the {tenant.tier!r} tier's running jobs are taken")
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        if kind in ARCHIVE_TYPES:
            data = await request.body()
            source = await run_in_threadpool(jobs.upload_path, ARCHIVE_TYPES[kind], data)
        elif kind == "application/json":
            try:
                source = JobRequest.model_validate_json(await request.body()).source
            except ValueError as exc:
                raise ApiError("invalid_request", str(exc).splitlines()[0]) from exc
            _check_source(state.config, source)
        else:
            raise ApiError("unsupported_media_type", f"cannot take {kind or 'no content type'}")
        queue = state.tier(tenant).queue
        job = await run_in_threadpool(jobs.submit, tenant.name, source, queue)
        return job.view()

    @app.get("/v1/jobs/{job_id}", tags=["jobs"])
    async def job_status(job_id: str, tenant: TenantDep) -> dict:
        return _job(state, tenant, job_id).view()

    @app.delete("/v1/jobs/{job_id}", status_code=202, tags=["jobs"])
    async def cancel_job(job_id: str, tenant: TenantDep) -> dict:
        """Cancel: no new work is submitted; what finished is published (``_INCOMPLETE``)."""
        job = _job(state, tenant, job_id)
        job.cancel.set()
        return job.view()

    @app.get("/v1/jobs/{job_id}/manifest", tags=["jobs"])
    async def job_manifest(job_id: str, tenant: TenantDep) -> JSONResponse:
        job = _job(state, tenant, job_id)
        if job.state not in ("done", "cancelled"):
            raise ApiError("job_not_finished", f"job {job_id} is {job.state}")
        rows = await run_in_threadpool(_jobs(state).manifest, job)
        return JSONResponse({"id": job.id, "state": job.state, "rows": rows})

    return app


async def _unless_gone(request: Request, work: Coroutine[Any, Any, Any]) -> Any:
    """``work``'s result; cancelled (its task with it) once the client has disconnected, so a
    request nobody waits for does not hold an interactive thread."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        raise ApiError("client_closed", "the client closed the connection")
    return task.result()


async def _disconnected(request: Request) -> None:
    while not await request.is_disconnected():
        await asyncio.sleep(DISCONNECT_POLL_S)


async def _in_lane(state: ServiceState, lane: Lane, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` in the service's interactive lane, its children at the interactive
    queue's OS priority; its result, or an ApiError (timeout). Raises :class:`LaneFault`
    (logged) when the lane process died."""
    task = AtPriority(fn, state.interactive.children)
    try:
        return await lane.run(task, *args, timeout_s=state.config.service.translate_timeout_s)
    except TimeoutError as exc:
        raise ApiError("timeout", "the translation did not finish in time") from exc
    except LaneFault:
        log.warning("interactive lane fault", exc_info=True)
        raise


async def _on_cluster(state: ServiceState, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` as one task at the interactive queue's Dask priority, its children at
    the queue's OS priority (retried once if its worker dies); its result, or an ApiError
    (timeout, cluster_unavailable)."""
    assert state.client is not None
    future = state.client.submit(
        AtPriority(fn, state.interactive.children),
        *args,
        key=f"serve-translate-{uuid.uuid4().hex}",
        priority=state.interactive.priority,
        retries=1,
        pure=False,
    )
    try:
        return await asyncio.wait_for(future, state.config.service.translate_timeout_s)
    except TimeoutError as exc:
        await future.cancel()
        raise ApiError("timeout", "the translation did not finish in time") from exc
    except asyncio.CancelledError:  # nobody waits for it any more (_unless_gone)
        await future.cancel()
        raise
    except Exception as exc:
        log.warning("translation task failed", exc_info=True)
        raise ApiError(
            "cluster_unavailable", f"the cluster failed the work: {type(exc).__name__}"
        ) from exc


def _shape(answer: dict, function: str | None, cached: bool, verify: bool, note: str) -> dict:
    units = answer["units"]
    if function is not None:
        units = [u for u in units if u["qualname"] == function]
        if not units:
            known = ", ".join(u["qualname"] for u in answer["units"] if u["qualname"]) or "none"
            raise ApiError("function_not_found", f"no function {function!r} (units: {known})")
    main = units[0] if len(units) == 1 else None
    return {
        "status": main["status"] if main else None,
        "reason": main["reason"] if main else "",
        "line": main["line"] if main else None,
        "rust": main["rust"] if main and function else answer["rust"],
        "runtime": answer["runtime"],
        "units": units,
        "verification": {
            "requested": verify,
            "ran": answer["verified_requested"],
            "note": note,
        },
        "engine": answer["engine"],
        "cached": cached,
    }


def _jobs(state: ServiceState) -> JobManager:
    assert state.jobs is not None
    return state.jobs


def _job(state: ServiceState, tenant: Tenant, job_id: str) -> Job:
    job = _jobs(state).get(tenant.name, job_id)
    if job is None:
        raise ApiError("not_found", f"no job {job_id}")
    return job


def _check_source(config: RunConfig, source: str) -> None:
    """URLs (s3://, gs://, ...) are read with the service's storage options; a local path
    only under ``service.source_roots`` (the service's own files are not a source)."""
    protocol = fsspec.utils.get_protocol(source)
    if protocol not in ("file", "local"):
        return
    path = Path(fsspec.core.strip_protocol(source)).resolve()
    roots = [Path(r).resolve() for r in config.service.source_roots]
    if not any(path.is_relative_to(root) for root in roots):
        raise ApiError("forbidden", f"local source {source!r} is outside service.source_roots")


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first["loc"])
    return error_response("invalid_request", f"{where}: {first['msg']}")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "invalid_request")
    return error_response(code, str(exc.detail))


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s", request.url.path, exc_info=exc)
    return error_response("internal_error", "internal error (logged on the server)")
