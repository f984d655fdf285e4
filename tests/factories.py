"""The one factory for test ``ExtractionResult``s (and their provenance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from incidents.schema import ExtractionResult, Incident, Provenance, Usage

WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def make_result(
    document_id: str,
    incidents: Iterable[Incident | dict[str, Any]] = (),
    *,
    language: str = "en",
    prompt: str = "extract_incidents@v1",
    prompt_sha256: str = "0" * 64,
    backend: str = "local",
    model: str = "test-model",
    usage: Usage | None = None,
    seconds: float = 1.0,
    seconds_in_model: float = 0.0,
    cached: bool = False,
    created_at: dt.datetime = WHEN,
) -> ExtractionResult:
    """A valid result with the given incidents (objects or dicts) and provenance."""
    return ExtractionResult(
        document_id=document_id,
        language=language,
        incidents=[i if isinstance(i, Incident) else Incident.model_validate(i) for i in incidents],
        provenance=Provenance(
            prompt=prompt,
            prompt_sha256=prompt_sha256,
            backend=backend,
            model=model,
            created_at=created_at,
            usage=usage or Usage(prompt_tokens=100, completion_tokens=20, calls=1),
            seconds=seconds,
            seconds_in_model=seconds_in_model,
            cached=cached,
        ),
    )
