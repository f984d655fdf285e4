"""OpenAI Batch request files: ``incidents batch INPUT --prepare REQUESTS.jsonl``.

One line per model request: one per article, one per chunk of a long article::

    {"custom_id": "<article id>#<body digest>", "method": "POST",
     "url": "/v1/chat/completions", "body": {...}}

``body`` is not built here. Each article goes through :func:`incidents.extraction.extract`
with the batch-file backend (:mod:`incidents.model.clients.batch_file`): the live openai
path, whose transport writes the body down instead of sending it. So the body is, byte for
byte as JSON, what a live ``incidents batch --backend openai`` sends for that article, with
the same instructor mode, ``json_object`` bridge, sampling and model, and its response-store
key is the same.

``custom_id`` ends with a digest of the body, which is how ``--collect``
(:mod:`incidents.batch.collect`) finds the answer to a request it builds again: an output
line answers the body whose digest its ``custom_id`` carries, whatever the article id says.
The same files are what OpenAI's and Azure's Batch APIs, ``vllm run-batch`` and the LiteLLM
proxy take (README, "Batch files").
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidents.batch.failures import classify_failure
from incidents.batch.inputs import BadInput, InputProblem, scan_inputs
from incidents.batch.summary import LabelledRows
from incidents.config import BackendConfig
from incidents.model.backend import RequestsDeferred
from incidents.model.store import CacheMode

if TYPE_CHECKING:
    pass

BATCH_URL = "/v1/chat/completions"
DIGEST_CHARS = 24  # 96 bits of sha256: no two bodies of one archive share it by chance


def body_digest(body: dict[str, Any]) -> str:
    """The digest that names a request body (key order and spacing do not matter)."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def custom_id(article_id: str, body: dict[str, Any]) -> str:
    """``<article id>#<body digest>``: readable in the engine's output, exact to look up."""
    return f"{article_id}#{body_digest(body)}"


def digest_of(custom: str) -> str | None:
    """The body digest a ``custom_id`` written by :func:`custom_id` ends with, else None."""
    _, sep, digest = custom.rpartition("#")
    if not sep or len(digest) != DIGEST_CHARS or not _is_hex(digest):
        return None
    return digest


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def request_line(article_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """One line of an OpenAI Batch input file."""
    return {
        "custom_id": custom_id(article_id, body),
        "method": "POST",
        "url": BATCH_URL,
        "body": body,
    }


def write_lines(path: Path, lines: list[dict[str, Any]]) -> None:
    """Write a JSONL file atomically (a temporary file renamed over ``path``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def no_answers(body: dict[str, Any]) -> None:
    """The lookup of a batch that has not run yet: nothing is answered, everything deferred."""
    return None


@dataclass
class PrepareSummary(LabelledRows):
    """What ``--prepare`` wrote.

    Attributes:
        articles: input entries.
        requests: request lines written.
        no_request: articles that need no model request (nothing left once the text addressed
            to the model is withheld): ``--collect`` extracts them without an answer.
        bad_input: entries that cannot be prepared, ``(id, reason)`` (unusable input, or an
            error reading a page); ``--collect`` records them as failed.
        mode: the instructor mode the bodies were built in.
        model: the ``model`` of every body.
        out: the request file.
    """

    articles: int = 0
    requests: int = 0
    no_request: int = 0
    bad_input: list[tuple[str, str]] = field(default_factory=list)
    mode: str = ""
    model: str = ""
    out: str = ""

    title = "batch requests"

    def lines(self) -> list[tuple[str, str]]:
        """The summary as (label, value) rows, for printing."""
        rows = [
            ("articles", str(self.articles)),
            ("requests", f"{self.requests} ({self.model}, instructor mode {self.mode})"),
        ]
        if self.no_request:
            rows.append(("no request", f"{self.no_request} (nothing to ask the model)"))
        if self.bad_input:
            shown = "; ".join(f"{i}: {why}" for i, why in self.bad_input[:3])
            more = f" (+{len(self.bad_input) - 3} more)" if len(self.bad_input) > 3 else ""
            rows.append(("bad input", f"{len(self.bad_input)}: {shown}{more}"))
        rows.append(("output", self.out))
        return rows


def prepare_requests(
    input_path: Path, requests_path: Path, *, prompt: str, backend: BackendConfig
) -> PrepareSummary:
    """Write the batch request file for every article of ``input_path``.

    The response store is not consulted: the file holds every request, so ``--collect`` can
    run anywhere (where the store has answers, ``--collect`` takes them from it, as live).

    Args:
        input_path: a directory, JSONL or feed, as for a live batch.
        requests_path: the JSONL request file to write (replaced atomically).
        prompt: ``"<task>@v<N>"``.
        backend: openai backend settings (model, mode, base URL): the engine's.

    Raises:
        BadInput: ``input_path`` is not a usable input.
        ConfigError, PromptError: bad settings.
    """
    from incidents.batch.runner import FATAL
    from incidents.extraction import InputError, extract
    from incidents.model.clients.batch_file import BatchFileBackend

    file_backend = BatchFileBackend(backend, no_answers)
    summary = PrepareSummary(mode=file_backend.mode(), model=backend.model, out=str(requests_path))
    lines: list[dict[str, Any]] = []
    for entry in scan_inputs(input_path):
        summary.articles += 1
        if isinstance(entry, InputProblem):
            summary.bad_input.append((entry.id, entry.message))
            continue
        try:
            extract(entry.load(), prompt=prompt, backend=file_backend, document_id=entry.id,
                    cache_mode=CacheMode.off)  # fmt: skip
        except RequestsDeferred as deferred:
            lines.extend(request_line(entry.id, r.body) for r in deferred.requests)
        except (BadInput, InputError) as error:
            summary.bad_input.append((entry.id, str(error)))
        except FATAL:
            raise  # the setup, not the article: every article would fail the same way
        except Exception as error:  # one article's problem must not stop the others
            category, message = classify_failure(error)
            summary.bad_input.append((entry.id, f"{category}: {message}"))
        else:
            summary.no_request += 1
    write_lines(requests_path, lines)
    summary.requests = len(lines)
    return summary


__all__ = [
    "BATCH_URL",
    "PrepareSummary",
    "body_digest",
    "custom_id",
    "digest_of",
    "no_answers",
    "prepare_requests",
    "request_line",
    "write_lines",
]
