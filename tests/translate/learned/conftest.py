"""Fixtures for the learned engine: a tiny random-weight model built here (nothing is
downloaded), and a local HTTP server speaking OpenAI chat-completions with scripted answers.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.translate import get_engine
from pipeline.translate.learned import prompt

REPO = {
    "bitsmod/bits.py": """\
def double(x: int) -> int:
    return 2 * x


def bits(x: int) -> int:
    return x.bit_count()


def bits_plus(x: int) -> int:
    return x.bit_count() + 1


def bits_twice(x: int) -> int:
    return x.bit_count() * 2


def bits_minus(x: int) -> int:
    return x.bit_count() - 1


def nbits(n: int) -> int:
    # a renamed copy of bits: never sent to the model
    return n.bit_count()


def padded(x: int = 3) -> int:
    return x.bit_count()


def tripled(x):
    '''Unannotated: typed by its doctest's call and answer.

    >>> tripled(5)
    6
    '''
    return x.bit_count() * 3
""",
}

BITS = "x.unsigned_abs().count_ones() as i64"
# the server's answers, by function name: first attempt, then repairs
SCRIPT = {
    "bits": [f"Here it is:\n```rust\npub fn bits(x: i64) -> i64 {{\n    {BITS}\n}}\n```"],
    "bits_plus": [
        "```rust\npub fn bits_plus(x: i64) -> i64 {\n    0\n}\n```",
        f"Fixed.\n```rust\npub fn bits_plus(x: i64) -> i64 {{\n    {BITS} + 1\n}}\n```",
    ],
    "bits_twice": ["I am not able to help with that."],
    # a copy of bits in another repository (another partition): asked only if its partition
    # is the first to send that exact-normalised unit
    "width": [f"```rust\npub fn width(v: i64) -> i64 {{\n    {BITS.replace('x.', 'v.')}\n}}\n```"],
    "bits_minus": ["SLOW"],
    # a default: an ordinary parameter in Rust
    "padded": [f"```rust\npub fn padded(x: i64) -> i64 {{\n    {BITS}\n}}\n```"],
    # typed from usage; wrong first (mismatch), then repaired
    "tripled": [
        f"```rust\npub fn tripled(x: i64) -> i64 {{\n    {BITS} * 2\n}}\n```",
        f"```rust\npub fn tripled(x: i64) -> i64 {{\n    {BITS} * 3\n}}\n```",
    ],
}


def build_tiny_model(path: Path) -> Path:
    """A 2-layer Llama with random weights and a byte-level BPE tokenizer trained here."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    # trained on the prompt's fixed parts, so prompts are short in tokens (fast on a CPU)
    catalogue = prompt.helper_catalogue(get_engine("rules").runtime_source)
    corpus = [prompt.SYSTEM, prompt.TYPE_MAPPING, catalogue, *REPO.values()]
    trainer = trainers.BpeTrainer(
        vocab_size=3000,
        special_tokens=["<pad>", "</s>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(corpus * 20, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="</s>", pad_token="<pad>")
    fast.save_pretrained(path)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=fast.vocab_size,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=8192,
        pad_token_id=fast.pad_token_id,
        eos_token_id=fast.eos_token_id,
        bos_token_id=fast.eos_token_id,
    )
    LlamaForCausalLM(config).save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


def write_repo(root: Path) -> Path:
    for rel, text in REPO.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root / "bitsmod"


@dataclass
class ChatServer:
    url: str
    requests: list[dict] = field(default_factory=list)  # every request body received
    slow_s: float = 3.0


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    """OpenAI chat-completions on 127.0.0.1: answers from SCRIPT by the function in the
    prompt and the number of attempts so far; ``SLOW`` sleeps past the client's timeout."""
    server_state = ChatServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            server_state.requests.append(body)
            if self.path != "/v1/chat/completions":
                self.send_error(404)
                return
            text = "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
            name = re.findall(r"Translate this function from .*?\ndef (\w+)", text, re.S)[0]
            repairs = sum(1 for m in body["messages"] if m["role"] == "assistant")
            answers = SCRIPT[name]
            answer = answers[min(repairs, len(answers) - 1)]
            if answer == "SLOW":
                time.sleep(server_state.slow_s)
            reply = {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}]}
            data = json.dumps(reply).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout)
                pass

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
