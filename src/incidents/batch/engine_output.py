"""A batch engine's output lines, read into answers by request body.

OpenAI's and Azure's Batch APIs, ``vllm run-batch`` and the LiteLLM proxy write one line per
request::

    {"id": "batch_req_…", "custom_id": "<article id>#<digest>",
     "response": {"status_code": 200, "request_id": "…", "body": {…chat.completion…}},
     "error": null}

or, for a request that failed, an ``error`` (``{"code", "message"}``) with or without a
``response``. A line is filed under the body digest its ``custom_id`` ends with
(:func:`incidents.batch.requests_file.digest_of`), and :meth:`EngineOutput.lookup` answers a
body by its digest, for the batch-file transport
(:mod:`incidents.model.clients.batch_file`).

What a line means for its request:

* status 200 with a JSON object: the answer, validated like a live one;
* 408, 429, 5xx, or an error without a response (expired, cancelled): a failure worth sending
  again, so the request goes to the follow-up file;
* any other status (400: the engine refused the body): handed to the SDK as the server's
  answer, so the article fails as it would live;
* not JSON, or no usable ``custom_id``: unreadable, counted and reported; its request finds no
  answer, so it is sent again.

Several files may answer the same body (a first run, then the run of a follow-up file): an
answer beats a failure, and a later line beats an earlier one of the same kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidents.batch.requests_file import body_digest, digest_of
from incidents.model.clients.batch_file import RecordedAnswer, RecordedFailure

Recorded = RecordedAnswer | RecordedFailure


@dataclass
class EngineOutput:
    """The answers of one or more engine output files, by body digest.

    Attributes:
        lines: lines read (blank lines aside).
        unreadable: ``"<file>:<line>: <why>"`` for each line that could not be used.
        used: digests that answered a request built in this run.
    """

    answers: dict[str, Recorded] = field(default_factory=dict)
    lines: int = 0
    unreadable: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, paths: list[Path]) -> EngineOutput:
        """Read output files in order (later files answer over earlier ones).

        Raises:
            OSError: a file cannot be read.
        """
        output = cls()
        for path in paths:
            with path.open(encoding="utf-8", errors="replace") as handle:
                for number, raw in enumerate(handle, start=1):
                    if raw.strip():
                        output._add(f"{path.name}:{number}", raw)
        return output

    def _add(self, where: str, raw: str) -> None:
        self.lines += 1
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as error:
            self.unreadable.append(f"{where}: not JSON ({error.msg})")
            return
        custom = line.get("custom_id") if isinstance(line, dict) else None
        digest = digest_of(custom) if isinstance(custom, str) else None
        if digest is None:
            self.unreadable.append(f"{where}: no custom_id written by --prepare ({custom!r})")
            return
        recorded = _meaning(line)
        if recorded is None:
            self.unreadable.append(f"{where}: neither a response nor an error")
            return
        if isinstance(self.answers.get(digest), RecordedAnswer) and isinstance(
            recorded, RecordedFailure
        ):
            return  # an answer is never undone by a later failure of the same request
        self.answers[digest] = recorded

    def lookup(self, body: dict[str, Any]) -> Recorded | None:
        """The engine's answer to ``body``, if any (see the module doc)."""
        digest = body_digest(body)
        found = self.answers.get(digest)
        if found is not None:
            self.used.add(digest)
        return found

    @property
    def unused(self) -> int:
        """Answers no request of this run asked for (other settings, or other articles)."""
        return len(set(self.answers) - self.used)


def _meaning(line: dict[str, Any]) -> Recorded | None:
    response = line.get("response")
    error = line.get("error")
    if isinstance(response, dict) and isinstance(response.get("status_code"), int):
        status: int = response["status_code"]
        body = response.get("body")
        if status == 200:
            if isinstance(body, dict):
                return RecordedAnswer(200, body)
            return RecordedFailure("server_error", "the engine's answer is not a JSON object")
        category = _transient(status)
        message = f"the engine answered HTTP {status}: {_error_text(body) or _error_text(error)}"
        if category is not None:
            return RecordedFailure(category, message.rstrip(": "))
        # A refusal (400 and the like) is the server's answer, as live.
        return RecordedAnswer(status, body if isinstance(body, dict) else {"error": error})
    if error:
        code = str(error.get("code") or "") if isinstance(error, dict) else ""
        text = _error_text(error)
        if "rate" in code:
            category = "rate_limited"
        elif "expired" in code or "timeout" in code:
            category = "timeout"
        else:
            category = "server_error"
        return RecordedFailure(category, f"the engine reported an error: {text}".rstrip(": "))
    return None


def _transient(status: int) -> str | None:
    if status == 429:
        return "rate_limited"
    if status == 408:
        return "timeout"
    if status >= 500:
        return "server_error"
    return None


def _error_text(error: Any) -> str:
    """``code: message`` of an OpenAI-style error object (or its ``{"error": …}`` wrapper)."""
    if isinstance(error, dict) and isinstance(error.get("error"), dict):
        error = error["error"]
    if isinstance(error, dict):
        parts = [str(error[k]) for k in ("code", "message") if error.get(k)]
        return ": ".join(parts)
    return str(error) if error else ""
