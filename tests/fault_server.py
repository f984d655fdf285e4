"""A fault-injecting OpenAI-compatible server for tests: ``/v1/chat/completions``, ``/v1/models``.

Stdlib only (``http.server``), on 127.0.0.1 and a random port, in a background thread::

    with FaultServer() as server:
        backend = BackendConfig(backend="openai", base_url=server.url, api_key="...")

What each chat request gets is scripted, deterministically:

* by a marker in the request's messages (put it in the article text): ``[[fault:KIND]]`` makes
  every request for that article fail with KIND; ``[[fault:KIND*N]]`` only its first N
  requests (then it succeeds), to exercise retries that recover;
* or by ``schedule(n, body)``, called with the server-wide request counter (1, 2, ...), for
  faults that do not depend on the article.

KINDs (:data:`FAULTS`): ``ok``; ``400`` (the request refused, as a server refuses a schema it
cannot compile); ``429`` (with ``Retry-After: 1``); ``500``; ``503``; ``hang``
(no answer until ``hang_s``, past the client's timeout, then the connection is closed);
``reset`` (the socket is closed with an RST and no response); ``truncated`` (the response body
stops half-way: Content-Length promises more than is sent); ``badjson`` (a complete response
whose JSON body is cut off); ``nonjson`` (an HTML error page with status 200); ``invalid`` (a
well-formed completion whose answer fails validation).

A successful answer is built from the response schema the client sent, minimally: required
properties, defaults and optional arrays (empty), first enum values. With ``tools`` in the
request it is a tool call whose arguments are that JSON; otherwise it is the message content.
Token usage is a deterministic function of the request, so two runs compare equal.

Run it by hand with ``python tests/fault_server.py [--port N] [--delay S]``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("ok", "400", "429", "500", "503", "hang", "reset", "truncated", "badjson", "nonjson",
          "invalid")  # fmt: skip
MARKER = re.compile(r"\[\[fault:([a-z0-9]+)(?:\*(\d+))?\]\]")


def marker(kind: str, times: int | None = None) -> str:
    """The text that scripts ``kind`` for an article (``times``: only its first N requests)."""
    if kind not in FAULTS:
        raise ValueError(f"unknown fault {kind!r}; known: {', '.join(FAULTS)}")
    return f"[[fault:{kind}]]" if times is None else f"[[fault:{kind}*{times}]]"


@dataclass
class FaultServer:
    """The server; use as a context manager, or call :meth:`start` and :meth:`stop`.

    Attributes:
        delay_s: seconds to wait before each successful answer (a slow model).
        hang_s: how long a ``hang`` request is held before its connection is closed.
        owner: ``owned_by`` of the models in ``/v1/models``; ``"me"`` makes the client treat
            it as llama.cpp's server (json_schema mode through the json_object bridge).
        schedule: optional ``(request_number, body) -> KIND`` used when no marker applies.
        model: the model id the server lists.
    """

    delay_s: float = 0.0
    hang_s: float = 10.0
    owner: str = "fault-server"
    schedule: Callable[[int, dict[str, Any]], str] | None = None
    model: str = "fault-model"
    bind_port: int = 0  # 0: a random free port
    ignore_markers: bool = False  # True: a healthy server for the same articles (resume tests)
    faults: Counter[str] = field(default_factory=Counter)
    # Authorization headers seen, so a test can prove the key was sent (and look for it
    # everywhere else). In memory only.
    authorizations: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: Counter[str] = Counter()  # requests per article, for KIND*N markers
        self._counter = 0
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FaultServer:
        handler = type("Handler", (_Handler,), {"fault_server": self})
        self._httpd = _Server(("127.0.0.1", self.bind_port), handler)
        self._httpd.daemon_threads = True  # a hanging request must not block shutdown
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start the server first"
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL for an OpenAI client: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting --------------------------------------------------------------------------

    def choose(self, body: dict[str, Any]) -> tuple[str, int]:
        """The fault for one chat request (counted in :attr:`faults`), and its number."""
        with self._lock:
            self._counter += 1
            number = self._counter
            for text in [] if self.ignore_markers else _message_texts(body):
                found = MARKER.search(text)
                if found:
                    kind, times = found.group(1), found.group(2)
                    key = hashlib.sha256(text.encode()).hexdigest()[:16]
                    self._seen[key] += 1
                    if kind not in FAULTS or (times and self._seen[key] > int(times)):
                        kind = "ok"
                    break
            else:
                kind = self.schedule(number, body) if self.schedule else "ok"
                kind = kind if kind in FAULTS else "ok"
            self.faults[kind] += 1
        return kind, number


def _message_texts(body: dict[str, Any]) -> list[str]:
    texts = []
    for message in body.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):  # content parts
            texts.extend(p.get("text", "") for p in content if isinstance(p, dict))
    return texts


# --------------------------------------------------------------------------- JSON schema → JSON


def minimal_instance(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """A small JSON value valid against ``schema`` (the subset pydantic emits)."""
    root = root if root is not None else schema
    if "$ref" in schema:
        return minimal_instance(_resolve(schema["$ref"], root), root)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = schema[key]
            null = [o for o in options if o.get("type") == "null"]
            return None if null else minimal_instance(options[0], root)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(_resolve(part["$ref"], root) if "$ref" in part else part)
        return minimal_instance(merged, root)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = "null" if "null" in kind else kind[0]
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        value = {}
        for name, sub in (schema.get("properties") or {}).items():
            if name in required:
                value[name] = minimal_instance(sub, root)
            elif "default" in sub:
                value[name] = sub["default"]
            elif sub.get("type") == "array" and not sub.get("minItems"):
                value[name] = []  # what a model says when it finds nothing: {"incidents": []}
        return value
    if kind == "array":
        return [minimal_instance(schema.get("items", {}), root)] * int(schema.get("minItems", 0))
    if kind == "string":
        return "x" * max(int(schema.get("minLength", 0)), 1)
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", -1) + 1)
        return max(low, 0) if schema.get("maximum", 1) >= 0 else schema["maximum"]
    if kind == "boolean":
        return False
    return None


def invalid_instance(schema: dict[str, Any]) -> Any:
    """A JSON value that parses but does not validate against ``schema``."""
    root = schema
    if "$ref" in schema:
        schema = _resolve(schema["$ref"], root)
    properties = schema.get("properties") or {}
    if not properties:
        return ["not", "an", "object"]
    name, sub = next(iter(properties.items()))
    if "$ref" in sub:
        sub = _resolve(sub["$ref"], root)
    wrong: Any = {"array": "not a list", "string": ["not a string"], "object": "not an object"}.get(
        sub.get("type"), "not a number"
    )
    return {name: wrong}


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    node: Any = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return dict(node)


def _answer_schema(body: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """(tool name or None, JSON schema) of the answer the client asked for."""
    tools = body.get("tools") or []
    if tools:
        function = tools[0].get("function", {})
        return function.get("name", "answer"), function.get("parameters")
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return None, (response_format.get("json_schema") or {}).get("schema")
    if response_format.get("type") == "json_object":
        return None, response_format.get("schema")
    return None, None


def completion(body: dict[str, Any], *, valid: bool, model: str, number: int = 0) -> dict[str, Any]:
    """A chat completion answering ``body`` with a valid (or deliberately invalid) instance."""
    tool, schema = _answer_schema(body)
    if schema is None:
        answer: Any = {"incidents": []} if valid else ["not", "an", "object"]
    else:
        answer = minimal_instance(schema) if valid else invalid_instance(schema)
    arguments = json.dumps(answer, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": arguments}
    finish = "stop"
    if tool is not None:
        function = {"name": tool, "arguments": arguments}
        message["content"], finish = None, "tool_calls"
        message["tool_calls"] = [{"id": "call_0", "type": "function", "function": function}]
    # Deterministic usage: two runs over the same articles must compare equal.
    prompt_tokens = len(json.dumps(body.get("messages", []), ensure_ascii=False)) // 4 + 1
    completion_tokens = len(arguments) // 4 + 1
    return {
        "id": f"chatcmpl-fault-{number}",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": body.get("model") or model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


# --------------------------------------------------------------------------- HTTP


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops connections when a batch opens 16 at once plus a
    # few hanging ones; the client would then see timeouts that no test scripted.
    request_queue_size = 256


class _Handler(BaseHTTPRequestHandler):
    fault_server: FaultServer
    number = 0  # of the chat request being answered
    protocol_version = "HTTP/1.1"  # keep-alive, like real servers; faults close explicitly

    def log_message(self, format: str, *args: Any) -> None:
        pass  # nothing to stderr: requests carry an Authorization header and tests grep output

    def do_GET(self) -> None:
        self._note_auth()
        if self.path.rstrip("/") == "/v1/models":
            server = self.fault_server
            data = [{"id": server.model, "object": "model", "created": 0, "owned_by": server.owner}]
            self._json(200, {"object": "list", "data": data})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:
        self._note_auth()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "request body is not JSON", "type": "invalid"}})
            return
        kind, self.number = self.fault_server.choose(body)
        getattr(self, "_fault_" + kind)(body)

    # -- one method per fault ---------------------------------------------------------------

    def _fault_ok(self, body: dict[str, Any]) -> None:
        server = self.fault_server
        if server.delay_s:
            server._stopping.wait(server.delay_s)
        self._json(200, completion(body, valid=True, model=server.model, number=self.number))

    def _fault_invalid(self, body: dict[str, Any]) -> None:
        server = self.fault_server
        self._json(200, completion(body, valid=False, model=server.model, number=self.number))

    def _fault_400(self, body: dict[str, Any]) -> None:
        error = {"message": "response_format: schema not supported (fault server)",
                 "type": "invalid_request_error"}  # fmt: skip
        self._json(400, {"error": error})

    def _fault_429(self, body: dict[str, Any]) -> None:
        error = {"message": "Rate limit reached (fault server)", "type": "rate_limit_error",
                 "code": "rate_limit_exceeded"}  # fmt: skip
        self._json(429, {"error": error}, headers={"Retry-After": "1"})

    def _fault_500(self, body: dict[str, Any]) -> None:
        self._json(
            500, {"error": {"message": "internal error (fault server)", "type": "server_error"}}
        )

    def _fault_503(self, body: dict[str, Any]) -> None:
        self._json(503, {"error": {"message": "overloaded (fault server)", "type": "server_error"}})

    def _fault_hang(self, body: dict[str, Any]) -> None:
        self.fault_server._stopping.wait(self.fault_server.hang_s)
        self._reset()

    def _fault_reset(self, body: dict[str, Any]) -> None:
        self._reset()

    def _fault_truncated(self, body: dict[str, Any]) -> None:
        server = self.fault_server
        payload = json.dumps(completion(body, valid=True, model=server.model)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))  # promises the whole body...
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])  # ...and sends half
        self.wfile.flush()
        self._reset()

    def _fault_badjson(self, body: dict[str, Any]) -> None:
        server = self.fault_server
        payload = json.dumps(completion(body, valid=True, model=server.model)).encode()
        self._send(200, payload[: len(payload) // 2], "application/json")

    def _fault_nonjson(self, body: dict[str, Any]) -> None:
        page = b"<html><body><h1>502 Bad Gateway</h1><p>upstream went away</p></body></html>"
        self._send(200, page, "text/html; charset=utf-8")

    # -- plumbing ---------------------------------------------------------------------------

    def _note_auth(self) -> None:
        value = self.headers.get("Authorization")
        if value:
            with self.fault_server._lock:
                self.fault_server.authorizations.add(value)

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json",
                   headers)  # fmt: skip

    def _send(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):  # the client may have given up (timeout) already
            self.wfile.write(data)
            self.wfile.flush()

    def _reset(self) -> None:
        """Drop the connection with an RST: no response, like a crashed proxy."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0: a random free port")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--owner", default="fault-server", help="owned_by in /v1/models")
    args = parser.parse_args()
    with FaultServer(delay_s=args.delay, owner=args.owner, bind_port=args.port) as server:
        print(server.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
