"""The one factory for test ``ExtractionResult``s (and their provenance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from incidents.schema import ArticleSource, ExtractionResult, Incident, Provenance, Usage

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
    text: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
) -> ExtractionResult:
    """A valid result with the given incidents (objects or dicts) and provenance; with
    ``text``, a ``source`` block holding it (the incidents' evidence must point into it)."""
    return ExtractionResult(
        document_id=document_id,
        language=language,
        published=published,
        source=(
            ArticleSource(text=text, url=url, published_from="caller" if published else None)
            if text is not None
            else None
        ),
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


# The hand-made article and model answer the pipeline tests share (test_stages, test_trace):
# an air strike in Albu Kamal, a statement, and arrests in Al Mayadin.
STRIKE_ARTICLE = (
    "دير الزور – قُتل أربعة من مقاتلي الحرس الثوري الإيراني، أمس، "
    "بغارة جوية استهدفت موقعاً في مدينة البوكمال.\n"
    "وقال مسؤول محلي إن الوضع هادئ.\n"
    "واعتقلت دورية ١٢ شخصاً في مدينة الميادين.\n"
)
STRIKE_PUBLISHED = dt.date(2025, 1, 5)


def cited_strike(**fields: Any) -> Any:
    """The model's answer for the strike of STRIKE_ARTICLE, with ``fields`` changed."""
    from incidents.prompting.forms import CitedIncident

    base = {
        "sentences": [1],
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "place": "البوكمال",
        "actors": [{"name": "الحرس الثوري الإيراني", "role": "target"}],
        "fatalities": 4,
    }
    return CitedIncident.model_validate({**base, **fields})
