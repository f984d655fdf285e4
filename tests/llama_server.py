"""A real ``python -m llama_cpp.server`` on 127.0.0.1 with the embedded model, and a recording
proxy in front of it, for tests of the OpenAI-compatible path (batch files, Ray)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

SERVER_MODEL = "qwen2.5-coder-1.5b"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def llama_server(log: Path) -> Iterator[str]:
    """Start the server; yield its ``/v1`` base URL; stop it."""
    from incidents.model.model_file import model_path

    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192",
               "--n_threads", str(os.cpu_count() or 2), "--model_alias", SERVER_MODEL]  # fmt: skip
    with log.open("w") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited early:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail(f"llama_cpp.server did not start in 120 s:\n{log.read_text()[-3000:]}")
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that forwards to ``target`` and records the JSON body of
    every ``POST …/chat/completions``: what a client really sends, byte for byte."""

    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/").removesuffix("/v1")
        self.bodies: list[bytes] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._forward(None)

            def do_POST(self) -> None:
                content = self.rfile.read(int(self.headers.get("content-length", 0)))
                if self.path.endswith("/chat/completions"):
                    proxy.bodies.append(content)
                self._forward(content)

            def _forward(self, content: bytes | None) -> None:
                reply = httpx.request(self.command, proxy.target + self.path, content=content,
                                      headers={"content-type": "application/json"},
                                      timeout=900)  # fmt: skip
                self.send_response(reply.status_code)
                self.send_header("content-type", reply.headers.get("content-type", "text/plain"))
                self.send_header("content-length", str(len(reply.content)))
                self.end_headers()
                self.wfile.write(reply.content)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def recorded(self) -> list[dict[str, Any]]:
        return [json.loads(body) for body in self.bodies]
