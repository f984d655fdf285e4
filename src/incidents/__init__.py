"""incidents: source-grounded ACLED-style incident records from news reports.

Quick use::

    from incidents import extract
    result = extract(open("article.txt").read(), published="2024-08-12")
    for incident in result.incidents:
        print(incident.event_type, incident.location.name, incident.fatalities)

The errors a call can raise are importable from here: ``InputError`` (the article or a date
is unusable), ``PromptError`` (no such prompt version), ``ConfigError`` (the backend settings
are incomplete) and ``BackendError`` (a model call failed for good, with its ``category``).
``read_article`` reads an article from a text file, a saved page (reduced to its text) or stdin.
"""

from incidents.config import ConfigError
from incidents.extraction import InputError, aextract, extract
from incidents.model.backend import BackendError
from incidents.prompting.prompts import PromptError
from incidents.reading import read_article
from incidents.schema import SCHEMA_VERSION, ExtractionResult, Incident

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BackendError",
    "ConfigError",
    "ExtractionResult",
    "Incident",
    "InputError",
    "PromptError",
    "aextract",
    "extract",
    "read_article",
]
