"""Run a batch request file against one OpenAI-compatible server, writing OpenAI-style output.

A stand-in for OpenAI's Batch API or ``vllm run-batch``, for a server that has no batch
endpoint (``python -m llama_cpp.server``, Ollama, a vLLM server already running)::

    python -m incidents.batch.run_requests requests.jsonl responses.jsonl \\
        --base-url http://127.0.0.1:8000/v1

Each request's ``body`` is POSTed as is to ``<base-url>/chat/completions`` (``url`` minus its
``/v1``), one at a time, and one line is written per request, as the Batch API writes them::

    {"id": "batch_req_<n>", "custom_id": "…",
     "response": {"status_code": 200, "request_id": "…", "body": {…}}, "error": null}

An HTTP error is a line with its status and body; a request that got no HTTP answer at all
(connection refused, timeout) is a line with ``"response": null`` and an ``error``. Nothing is
retried here: ``incidents batch --collect`` lists what to send again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx


def run_requests(
    requests: Path, responses: Path, *, base_url: str, api_key: str | None = None,
    timeout_s: float = 600.0,
) -> int:  # fmt: skip
    """POST every request of ``requests`` to ``base_url``; write the output lines.

    Returns:
        How many requests got an HTTP 200.
    """
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    answered = 0
    with (
        httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout_s, headers=headers) as client,
        requests.open(encoding="utf-8") as lines,
        responses.open("w", encoding="utf-8") as out,
    ):
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            request = json.loads(raw)
            line = _answer(client, request, f"batch_req_{number}")
            answered += line["response"] is not None and line["response"]["status_code"] == 200
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
    return answered


def _answer(client: httpx.Client, request: dict[str, Any], line_id: str) -> dict[str, Any]:
    path = str(request.get("url", "/v1/chat/completions")).removeprefix("/v1")
    line: dict[str, Any] = {"id": line_id, "custom_id": request.get("custom_id"),
                            "response": None, "error": None}  # fmt: skip
    try:
        reply = client.post(path, json=request["body"])
    except httpx.HTTPError as error:
        line["error"] = {"code": type(error).__name__, "message": str(error)}
        return line
    try:
        body: Any = reply.json()
    except ValueError:
        body = reply.text
    line["response"] = {
        "status_code": reply.status_code,
        "request_id": reply.headers.get("x-request-id", line_id),
        "body": body,
    }
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m incidents.batch.run_requests",
        description="POST each request of an OpenAI Batch input file to an OpenAI-compatible "
        "server; write the Batch API's output lines.",
    )
    parser.add_argument("requests", type=Path, help="the batch input file (--prepare's)")
    parser.add_argument("responses", type=Path, help="the output file to write")
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request")
    args = parser.parse_args(argv)
    answered = run_requests(args.requests, args.responses, base_url=args.base_url,
                            api_key=os.environ.get("OPENAI_API_KEY"),
                            timeout_s=args.timeout)  # fmt: skip
    print(f"{answered} requests answered; output in {args.responses}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
