"""Remote backend: any OpenAI-compatible chat-completions endpoint (vLLM, NVIDIA NIM,
Triton's OpenAI front end) by URL and key.

At most ``concurrency`` requests are in flight; each has a timeout; timeouts, connection
errors, HTTP 429 and 5xx are retried with exponential backoff (``backoff_s * 2**k``). What
still fails comes back as a reply with ``error`` set — a fault of the machinery, which the
caller reports as such and never caches. The key is read from the environment variable
``api_key_env`` names, never from the config file.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from pipeline.config import LearnedSettings
from pipeline.translate.learned.backends import BackendUnavailable, Prompt, Reply

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class EndpointBackend:
    name = "endpoint"

    @staticmethod
    def check(settings: LearnedSettings) -> None:
        if not settings.url:
            raise BackendUnavailable("learned.url is not set (an OpenAI-compatible base URL)")

    def __init__(self, settings: LearnedSettings, storage_options: dict) -> None:
        self.settings = settings
        self.url = str(settings.url).rstrip("/") + "/chat/completions"
        key = os.environ.get(settings.api_key_env, "")
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def generate(self, prompts: list[Prompt]) -> list[Reply]:
        if not prompts:
            return []
        timeout = httpx.Timeout(self.settings.timeout_s)
        with (
            httpx.Client(timeout=timeout, headers=self.headers) as client,
            ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool,
        ):
            return list(pool.map(lambda p: self._ask(client, p), prompts))

    def _ask(self, client: httpx.Client, prompt: Prompt) -> Reply:
        body = {
            "model": self.settings.model_name,
            "messages": [{"role": m.role, "content": m.content} for m in prompt],
            "max_tokens": self.settings.max_new_tokens,
            "temperature": self.settings.temperature,
        }
        fault = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(self.settings.backoff_s * 2 ** (attempt - 1))
            try:
                response = client.post(self.url, json=body)
            except httpx.TimeoutException:
                fault = f"endpoint timed out after {self.settings.timeout_s:g} s"
                continue
            except httpx.TransportError as exc:
                fault = f"endpoint unreachable: {type(exc).__name__}: {exc}"
                continue
            if response.status_code in RETRYABLE_STATUS:
                fault = f"endpoint answered HTTP {response.status_code}"
                continue
            return _reply(response, attempt + 1)
        tries = self.settings.retries + 1
        return Reply(error=f"{fault} ({tries} tries)", tries=tries)


def _reply(response: httpx.Response, tries: int) -> Reply:
    """The first choice's text, or a fault for an error status or a malformed body."""
    if response.status_code != 200:
        return Reply(error=f"endpoint answered HTTP {response.status_code}", tries=tries)
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return Reply(error="endpoint reply is not a chat completion", tries=tries)
    return Reply(text=str(content or ""), tries=tries)
