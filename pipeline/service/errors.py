"""JSON errors with stable codes: ``{"error": {"code": ..., "message": ...}}``, never a
traceback. The codes are part of the API (docs: README, "HTTP API")."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

CODES = {
    "invalid_request": 422,  # the body does not match the schema (message says where)
    "unauthorized": 401,  # missing or unknown API key
    "forbidden": 403,  # the tenant's tier does not allow this
    "not_found": 404,  # no such route or job (jobs of other tenants are not found either)
    "method_not_allowed": 405,
    "function_not_found": 404,  # `function` names no unit of the source
    "job_not_finished": 409,  # its manifest is not written yet
    "body_too_large": 413,
    "unsupported_media_type": 415,
    "rate_limited": 429,  # Retry-After says when to try again
    "too_many_jobs": 429,  # the tier's running jobs are all taken
    "internal_error": 500,  # a bug in Portalis (logged on the server)
    "cluster_unavailable": 503,  # the Dask cluster failed the work (retried once)
    "timeout": 504,  # the work did not finish within the service's limit
    "client_closed": 499,  # the client left before its answer (its task was cancelled)
}


class ApiError(Exception):
    def __init__(self, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.headers = code, message, headers or {}


def error_response(code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=CODES[code], headers=headers
    )


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.code, exc.message, exc.headers)
