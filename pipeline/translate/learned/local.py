"""In-process backend: a causal language model loaded with ``transformers``.

The model comes from a local directory or any fsspec URL (the models bucket: ``s3://...``),
copied once to local disk, and is loaded once per worker process — by ``ModelPlugin`` when
the worker starts (a Dask worker plugin), or by the first task that needs it — and kept for
every later task. Generation is batched (left padding), greedy unless a temperature is set,
in bfloat16 on a GPU and float32 on the CPU (the tests' fallback).
"""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

import fsspec
import torch
from distributed.diagnostics.plugin import WorkerPlugin
from transformers import AutoModelForCausalLM, AutoTokenizer

from pipeline.config import LearnedSettings
from pipeline.translate.learned.backends import BackendUnavailable, Prompt, Reply

PLUGIN_NAME = "portalis-learned-model"


@dataclass
class Loaded:
    """A model ready to generate, and what loading it cost."""

    model: Any
    tokenizer: Any
    device: str
    load_s: float
    lock: threading.Lock  # one generate at a time per model (tasks run in threads)


_MODELS: dict[tuple[str, str], Loaded] = {}
_LOADING = threading.Lock()


def pick_device(wanted: str) -> str:
    if wanted == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if wanted == "cuda" and not torch.cuda.is_available():
        raise BackendUnavailable("learned.device is cuda, but torch sees no CUDA device here")
    return wanted


def loaded_models() -> dict[tuple[str, str], Loaded]:
    """The models this process holds, by (URL, device)."""
    return dict(_MODELS)


def load_model(url: str, device: str, storage_options: dict) -> Loaded:
    """The model at ``url`` on ``device``, loaded at most once per process."""
    key = (url, device)
    with _LOADING:
        if key not in _MODELS:
            start = time.perf_counter()
            with tempfile.TemporaryDirectory(prefix="portalis-model-") as tmp:
                path = _local_dir(url, storage_options, tmp)
                tokenizer = AutoTokenizer.from_pretrained(path)
                dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
                model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype).to(device)
            model.eval()
            tokenizer.padding_side = "left"
            tokenizer.truncation_side = "left"
            if tokenizer.pad_token is None:
                tokenizer.pad_token = tokenizer.eos_token
            _MODELS[key] = Loaded(
                model, tokenizer, device, time.perf_counter() - start, threading.Lock()
            )
        return _MODELS[key]


def _local_dir(url: str, storage_options: dict, tmp: str) -> str:
    """A local directory holding the model's files (a copy when ``url`` is remote)."""
    fs, root = fsspec.core.url_to_fs(url, **storage_options)
    protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    if "file" in protocols:
        return root
    if not fs.isdir(root):
        raise BackendUnavailable(f"learned.model {url}: no such directory")
    fs.get(root.rstrip("/") + "/", tmp + "/", recursive=True)
    return tmp


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts (and on workers that join later), so tasks
    find it in memory. A failed load is left to the first task, which reports it."""

    name = PLUGIN_NAME

    def __init__(self, settings: LearnedSettings, storage_options: dict) -> None:
        self.settings = settings
        self.storage_options = storage_options

    def setup(self, worker: Any) -> None:
        try:
            device = pick_device(self.settings.device)
            load_model(str(self.settings.model), device, self.storage_options)
        except Exception:  # the task that needs the model loads it again and reports why
            return


def prompt_text(tokenizer: Any, prompt: Prompt) -> str:
    """The prompt as the model expects it: its chat template, or a plain transcript."""
    messages = [{"role": m.role, "content": m.content} for m in prompt]
    if getattr(tokenizer, "chat_template", None):
        text: str = tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
        return text
    body = "".join(f"### {m.role}\n{m.content}\n" for m in prompt)
    return body + "### assistant\n"


class TransformersBackend:
    """Batched generation with an in-process model (see the module docstring)."""

    name = "transformers"

    @staticmethod
    def check(settings: LearnedSettings) -> None:
        if not settings.model:
            raise BackendUnavailable("learned.model is not set (a directory or fsspec URL)")

    def __init__(self, settings: LearnedSettings, storage_options: dict) -> None:
        self.settings = settings
        self.storage_options = storage_options

    @staticmethod
    def plugin(settings: LearnedSettings, storage_options: dict) -> ModelPlugin:
        return ModelPlugin(settings, storage_options)

    def generate(self, prompts: list[Prompt]) -> list[Reply]:
        try:
            device = pick_device(self.settings.device)
            loaded = load_model(str(self.settings.model), device, self.storage_options)
        except Exception as exc:  # a fault for every prompt, not a crash
            fault = f"model {self.settings.model} could not be loaded: {type(exc).__name__}: {exc}"
            return [Reply(error=fault[:500]) for _ in prompts]
        replies: list[Reply] = []
        size = self.settings.batch_size
        for start in range(0, len(prompts), size):
            replies += self._batch(loaded, prompts[start : start + size])
        return replies

    def _batch(self, loaded: Loaded, prompts: list[Prompt]) -> list[Reply]:
        tok, model = loaded.tokenizer, loaded.model
        limit = getattr(model.config, "max_position_embeddings", 4096)
        room = max(16, limit - self.settings.max_new_tokens)
        texts = [prompt_text(tok, p) for p in prompts]
        enc = tok(texts, return_tensors="pt", padding=True, truncation=True, max_length=room)
        enc = {k: v.to(loaded.device) for k, v in enc.items()}
        sampling: dict[str, Any] = {"do_sample": False}
        if self.settings.temperature > 0:
            sampling = {"do_sample": True, "temperature": self.settings.temperature}
        with loaded.lock, torch.inference_mode():
            start = time.perf_counter()
            out = model.generate(
                **enc,
                max_new_tokens=self.settings.max_new_tokens,
                pad_token_id=tok.pad_token_id,
                **sampling,
            )
            if loaded.device.startswith("cuda"):
                torch.cuda.synchronize()
            took = time.perf_counter() - start
        gpu_share = took / len(prompts) if loaded.device.startswith("cuda") else 0.0
        new = out[:, enc["input_ids"].shape[1] :]
        texts_out = tok.batch_decode(new, skip_special_tokens=True)
        return [Reply(text=t, gpu_s=gpu_share) for t in texts_out]
