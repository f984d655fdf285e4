"""Content-addressed store of model responses: the batch cache and the eval replay store.

A response is keyed by everything that determines it: backend, model, prompt sha256, schema
version and the exact request (messages and response schema). The value is the model's raw,
parsed answer plus its usage, so replaying re-runs every deterministic stage after the model
(grounding, normalizers, gazetteer) and picks up code fixes without calling the model.

Entries are small JSON files (``<root>/<key[:2]>/<key>.json``), written atomically
(temp file + rename), so several processes can share a store and a committed store diffs as
text. API keys are never part of a key or an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any


class CacheMode(str, Enum):
    """How extraction uses the store."""

    read_write = "read_write"  # answer hits from the store, call the model on misses, save them
    replay = "replay"  # answer only from the store; a miss is an error (ReplayMiss)
    live = "live"  # always call the model, and save what it says
    off = "off"  # neither read nor write


class ReplayMiss(LookupError):
    """Raised in replay mode when the store has no response for a request."""


def request_key(
    *,
    backend: str,
    model: str,
    prompt_sha256: str,
    schema_version: str,
    request: Any,
) -> str:
    """Return the sha256 that addresses one model request."""
    canonical = json.dumps(
        {
            "backend": backend,
            "model": model,
            "prompt_sha256": prompt_sha256,
            "schema_version": schema_version,
            "request": request,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredResponse:
    output: dict[str, Any]
    usage: dict[str, int]


class ResponseStore:
    """A directory of JSON entries addressed by :func:`request_key`."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(f"not a sha256 key: {key!r}")  # keys never become paths unchecked
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> StoredResponse | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, json.JSONDecodeError):
            return None  # a damaged entry is a miss, not a crash; it is rewritten on success
        return StoredResponse(output=data["output"], usage=data.get("usage", {}))

    def put(
        self, key: str, output: dict[str, Any], usage: dict[str, int], meta: dict[str, Any]
    ) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"key": key, "meta": meta, "usage": usage, "output": output},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload + "\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return sum(1 for _ in self.root.glob("??/*.json")) if self.root.exists() else 0
