"""The HTTP API against a real service on a real cluster (see conftest.py)."""

from __future__ import annotations

import concurrent.futures
import io
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from distributed import Client

from pipeline.service.memory import AnswerMemory
from tests.service.conftest import KEY_A, KEY_B, KEY_C, Service

GCD = '''def gcd(a: int, b: int) -> int:
    """
    >>> gcd(12, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)
'''
REFUSED = (
    "def first(x: complex) -> complex:\n    return x\n\n\n"
    "def twice(n: int) -> int:\n    return 2 * n\n"
)


def post(
    service: Service, body: dict, key: str | None = KEY_A, timeout: float = 120
) -> httpx.Response:
    headers = {"X-API-Key": key} if key else {}
    return httpx.post(f"{service.url}/v1/translate", json=body, headers=headers, timeout=timeout)


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


def test_health_schema_and_playground(service: Service) -> None:
    health = httpx.get(f"{service.url}/healthz").json()
    assert health["status"] == "ok" and health["workers"] == 1
    assert health["isolation"] == "bubblewrap"
    schema = httpx.get(f"{service.url}/openapi.json").json()
    assert {"/v1/translate", "/v1/jobs", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/manifest"} <= set(
        schema["paths"]
    )
    page = httpx.get(service.url + "/")
    assert page.status_code == 200 and "Portalis playground" in page.text


def test_translate_then_cached(service: Service) -> None:
    first = post(service, {"source": GCD})
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["status"] == "compiled" and answer["cached"] is False
    assert "pub fn gcd(" in answer["rust"]
    [unit] = answer["units"]
    assert unit["signatures"][0]["params"][0] == {"name": "a", "type": "int", "mode": "value"}
    again = post(service, {"source": GCD}).json()  # from the service's memory
    assert again["cached"] is True and again["rust"] == answer["rust"]
    service.state.memory = AnswerMemory(2**20)  # as after a restart: the cache still has it
    from_cache = post(service, {"source": GCD}).json()
    assert from_cache["cached"] is True and from_cache["units"] == answer["units"]
    assert len(service.state.memory) == 1  # and remembers it again


def test_translate_with_verification(service: Service) -> None:
    answer = post(service, {"source": GCD, "verify": True}).json()
    assert answer["status"] == "verified", answer
    assert answer["verification"] == {"requested": True, "ran": True, "note": ""}
    [unit] = answer["units"]
    rows = unit["verification"]["rows"]
    assert unit["verification"]["inputs_matched"] == unit["verification"]["inputs_tried"] > 0
    assert {
        "function": "gcd",
        "inputs": "12, 18",
        "python": "6",
        "rust": "6",
        "match": True,
    } in rows


def test_refusal_names_its_line_and_function_filter(service: Service) -> None:
    answer = post(service, {"source": REFUSED}).json()
    by_name = {u["qualname"]: u for u in answer["units"]}
    assert by_name["first"]["status"] == "unsupported" and by_name["first"]["line"] == 1
    assert "PT021" in by_name["first"]["codes"] and by_name["twice"]["status"] == "compiled"
    one = post(service, {"source": REFUSED, "function": "twice"}).json()
    assert one["status"] == "compiled" and one["rust"].startswith("pub fn twice")
    missing = post(service, {"source": REFUSED, "function": "nope"})
    assert missing.status_code == 404 and error_code(missing) == "function_not_found"
    assert "first, twice" in missing.json()["error"]["message"]


def test_errors_are_json_with_stable_codes(service: Service) -> None:
    assert error_code(post(service, {"source": GCD}, key=None)) == "unauthorized"
    assert error_code(post(service, {"source": GCD}, key="wrong")) == "unauthorized"
    invalid = post(service, {"source": ""})
    assert invalid.status_code == 422 and error_code(invalid) == "invalid_request"
    assert "source" in invalid.json()["error"]["message"]
    big = post(service, {"source": "x = 1\n" * 20_000})
    assert big.status_code == 413 and error_code(big) == "body_too_large"

    def chunks():  # no Content-Length: counted while read
        for _ in range(100):
            yield b" " * 1024

    chunked = httpx.post(
        f"{service.url}/v1/translate", content=chunks(), headers={"X-API-Key": KEY_A}
    )
    assert chunked.status_code == 413 and error_code(chunked) == "body_too_large"
    missing = httpx.get(f"{service.url}/v1/nothing")
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    wrong = httpx.put(f"{service.url}/v1/translate")
    assert wrong.status_code == 405 and error_code(wrong) == "method_not_allowed"
    assert "Traceback" not in invalid.text + big.text + missing.text


def test_tier_rate_limit_and_verification_rights(service: Service) -> None:
    answer = post(service, {"source": GCD, "verify": True}, key=KEY_B).json()
    assert answer["status"] == "compiled"  # the free tier may not run code
    assert answer["verification"]["ran"] is False
    assert "'free' tier" in answer["verification"]["note"]
    codes = [post(service, {"source": GCD}, key=KEY_B).status_code for _ in range(3)]
    assert codes[-1] == 429, codes  # burst 3: the fourth request of the minute is refused
    limited = post(service, {"source": GCD}, key=KEY_B)
    assert error_code(limited) == "rate_limited" and int(limited.headers["Retry-After"]) >= 1
    assert post(service, {"source": GCD}).status_code == 200  # other tenants are not limited


HOSTILE = """
import os, socket, time

def triple(n: int) -> int:
    return 3 * n

leaks = []
for var in os.environ:
    if "PORTALIS" in var or "KEY" in var:
        leaks.append(var)
for path in ({keys!r}, {tenants!r}, "/root/.bashrc"):
    try:
        open(path).read()
        leaks.append(path)
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=0.5)
    leaks.append("network")
except OSError:
    pass
try:
    open({outside!r}, "w").write("x")
    leaks.append("write")
except OSError:
    pass
for _ in range(200):  # fork bomb: capped by the sandbox's process limit
    try:
        if os.fork() == 0:
            time.sleep(20)
            os._exit(0)
    except OSError:
        break
if leaks:
    raise RuntimeError("LEAKED " + ", ".join(leaks))
"""


def test_hostile_submission_is_contained_and_others_are_served(
    service: Service, tmp_path: Path
) -> None:
    port = int(service.url.rsplit(":", 1)[1])
    outside = tmp_path / "written"
    tenants = service.state.config.service.tenants_file
    source = HOSTILE.format(
        keys=service.state.config.service.keys_file,
        tenants=tenants,
        port=port,
        outside=str(outside),
    )
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        hostile = pool.submit(post, service, {"source": source, "verify": True})
        time.sleep(0.5)
        other = post(service, {"source": REFUSED.replace("2 * n", "4 * n")})
        answer = hostile.result().json()
    assert other.status_code == 200 and other.json()["units"][1]["status"] == "compiled"
    [unit] = answer["units"]
    assert unit["status"] == "verified", unit["reason"]  # no leak, no write, no connection
    assert not outside.exists()
    assert httpx.get(f"{service.url}/healthz").json()["status"] == "ok"


IMPORT_TIME = {  # run by the verifier's child as it imports the module, inside the layer
    "infinite loop": "while True:\n    pass\n",
    "1 GB allocation": "HOARD = bytearray(1 << 30)\n",
    "kill of the parent": "import os\nos.kill(os.getppid(), 9)\nos.kill(1, 9)\n",
}


@pytest.mark.parametrize("attack", sorted(IMPORT_TIME))
def test_hostile_import_is_reported_never_verified(service: Service, attack: str) -> None:
    source = IMPORT_TIME[attack] + "\n\ndef bumped(n: int) -> int:\n    return n + 11\n"
    answer = post(service, {"source": source, "verify": True})
    assert answer.status_code == 200, answer.text
    [unit] = [u for u in answer.json()["units"] if u["qualname"] == "bumped"]
    assert unit["status"] == "untested", unit  # contained: its inputs could not run
    cause = unit["reason"].partition("Python import_error: ")[2]  # and what stopped it
    assert cause.strip() and ("MemoryError" in cause or attack != "1 GB allocation"), cause
    assert httpx.get(f"{service.url}/healthz").json()["status"] == "ok"
    other = post(service, {"source": f"def after(n: int) -> int:\n    return n * {len(attack)}\n"})
    assert other.json()["status"] == "compiled"


def test_concurrent_translations_share_tasks(service: Service) -> None:
    sources = [f"def scale_{n}(x: int) -> int:\n    return x * {n}\n" for n in range(8)]
    sources.append(sources[0])  # the same source twice: one answer
    with concurrent.futures.ThreadPoolExecutor(len(sources)) as pool:
        answers = list(pool.map(lambda s: post(service, {"source": s}).json(), sources))
    for n, answer in enumerate(answers[:8]):
        assert answer["status"] == "compiled" and f"pub fn scale_{n}(x: i64)" in answer["rust"]
    assert answers[8]["rust"] == answers[0]["rust"]
    text = httpx.get(f"{service.url}/metrics").text
    batches = float(text.split("portalis_serve_batch_size_count ")[1].split()[0])
    requests = float(text.split("portalis_serve_batch_size_sum ")[1].split()[0])
    assert requests - batches >= 2  # batched: fewer tasks than the sources they answered


def _wait(service: Service, job_id: str, key: str = KEY_A, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = httpx.get(f"{service.url}/v1/jobs/{job_id}", headers={"X-API-Key": key}).json()
        if view["state"] in ("done", "cancelled", "failed"):
            return view
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish")


def test_jobs_from_a_path_and_an_upload(service: Service) -> None:
    repo = service.root / "tinyrepo"
    repo.mkdir()
    (repo / "ops.py").write_text(GCD + "\n\n" + REFUSED)
    headers = {"X-API-Key": KEY_A}
    created = httpx.post(f"{service.url}/v1/jobs", json={"source": str(repo)}, headers=headers)
    assert created.status_code == 202, created.text
    job = created.json()
    early = httpx.get(f"{service.url}/v1/jobs/{job['id']}/manifest", headers=headers)
    assert early.status_code == 409 or early.json()["state"] == "done"
    view = _wait(service, job["id"])
    assert view["state"] == "done" and view["queue"] == "batch", view
    assert view["counts"] == {"unsupported": 1, "verified": 2}
    rows = httpx.get(f"{service.url}/v1/jobs/{job['id']}/manifest", headers=headers).json()["rows"]
    assert sorted((r["qualname"], r["status"]) for r in rows) == [
        ("first", "unsupported"),
        ("gcd", "verified"),
        ("twice", "verified"),
    ]
    other = httpx.get(f"{service.url}/v1/jobs/{job['id']}", headers={"X-API-Key": KEY_C})
    assert other.status_code == 404 and error_code(other) == "not_found"

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("zipped/calc.py", GCD)
    upload = httpx.post(
        f"{service.url}/v1/jobs",
        content=buffer.getvalue(),
        headers={**headers, "Content-Type": "application/zip"},
    )
    assert upload.status_code == 202, upload.text
    assert _wait(service, upload.json()["id"])["counts"] == {"verified": 1}


def test_job_sources_are_confined_and_cancel_keeps_what_finished(service: Service) -> None:
    headers = {"X-API-Key": KEY_A}
    outside = httpx.post(f"{service.url}/v1/jobs", json={"source": "/etc"}, headers=headers)
    assert outside.status_code == 403 and error_code(outside) == "forbidden"
    repo = service.root / "manyfiles"
    repo.mkdir()
    for n in range(6):
        (repo / f"m{n}.py").write_text(GCD.replace("gcd", f"gcd{n}"))
    job = httpx.post(f"{service.url}/v1/jobs", json={"source": str(repo)}, headers=headers).json()
    cancelled = httpx.delete(f"{service.url}/v1/jobs/{job['id']}", headers=headers)
    assert cancelled.status_code == 202
    view = _wait(service, job["id"])
    assert view["state"] in ("cancelled", "done"), view  # done: it finished before the cancel
    marker = "_INCOMPLETE" if view["state"] == "cancelled" else "_SUCCESS"
    assert (Path(view["out"]) / marker).exists()


def test_metrics_have_request_latency_histograms(service: Service) -> None:
    post(service, {"source": GCD})
    post(service, {"source": GCD})  # cached
    post(service, {"source": GCD}, key=None)
    text = httpx.get(f"{service.url}/metrics").text
    assert (
        'portalis_http_request_duration_seconds_bucket{code="200",le="0.5",method="POST",'
        'route="/v1/translate"}' in text
    )
    assert 'portalis_serve_translations_total{cached="true",status="compiled"}' in text
    assert 'portalis_serve_rejected_total{code="unauthorized"}' in text
    assert "portalis_build_info{" in text  # and Portalis's own registry (pipeline/metrics.py)


SLOW = """def slow(n: int) -> int:
    total = 0
    for i in range(30_000_000):
        total += i % 7
    return total + n
"""


def test_a_verification_nobody_waits_for_is_cancelled(service: Service) -> None:
    """A client that leaves does not keep its task queued on the interactive lane. It leaves
    after 0.5 s: the answer needs at least the 1 s call limit the loop runs into plus rustc,
    however fast the machine (3 s was not enough on a quiet one)."""
    with pytest.raises(httpx.ReadTimeout):
        post(service, {"source": SLOW, "verify": True}, timeout=0.5)
    deadline = time.monotonic() + 30
    with Client(service.state.scheduler, timeout=30) as client:
        while time.monotonic() < deadline:
            keys = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.tasks))
            if not any(str(k).startswith("serve-translate-") for k in keys):
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"still on the cluster: {keys}")
    text = httpx.get(f"{service.url}/metrics").text
    assert 'code="499",le="+Inf",method="POST",route="/v1/translate"' in text
