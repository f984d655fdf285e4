"""incidents: source-grounded ACLED-style incident records from news reports.

Quick use::

    from incidents import extract
    result = extract(open("article.txt").read(), published="2024-08-12")
    for incident in result.incidents:
        print(incident.event_type, incident.location.name, incident.fatalities)
"""

from incidents.extraction import aextract, extract
from incidents.schema import SCHEMA_VERSION, ExtractionResult, Incident

__version__ = "0.1.0"

__all__ = ["SCHEMA_VERSION", "ExtractionResult", "Incident", "aextract", "extract"]
