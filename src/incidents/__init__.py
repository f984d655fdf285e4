"""incidents: source-grounded ACLED-style incident records from news reports.

Quick use::

    from incidents import extract
    result = extract(open("article.txt").read(), published="2024-08-12")
    for incident in result.incidents:
        print(incident.event_type, incident.location.name, incident.fatalities)

Many articles at once, results as they finish: ``extract_many(texts, concurrency=4)``. Choose a
model as on the command line: ``extract(text, base_url="http://127.0.0.1:8000/v1",
model="qwen2.5")``. Answers are cached only when asked (``cache=True`` or a directory).
Results go to files with ``to_acled_csv``, ``to_geojson`` and ``to_review_page``.

The errors a call can raise are importable from here: ``InputError`` (the article or a date
is unusable), ``PromptError`` (no such prompt version), ``ConfigError`` (the backend settings
are incomplete) and ``BackendError`` (a model call failed for good, with its ``category``).
``read_article`` reads an article from a text file, a saved page (reduced to its text) or stdin.
"""

from incidents.config import ConfigError
from incidents.export.common import ExportCounts
from incidents.export.of_results import to_acled_csv, to_geojson, to_review_page
from incidents.extraction import InputError, aextract, extract
from incidents.many import ArticleFailed, extract_many
from incidents.model.backend import BackendError
from incidents.prompting.prompts import PromptError
from incidents.reading import SourceText, read_article
from incidents.schema import SCHEMA_VERSION, ExtractionResult, Incident

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "ArticleFailed",
    "BackendError",
    "ConfigError",
    "ExportCounts",
    "ExtractionResult",
    "Incident",
    "InputError",
    "PromptError",
    "SourceText",
    "aextract",
    "extract",
    "extract_many",
    "read_article",
    "to_acled_csv",
    "to_geojson",
    "to_review_page",
]
