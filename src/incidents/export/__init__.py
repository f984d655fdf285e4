"""Exporters: results files turned into the formats analysts load elsewhere.

Each reads :class:`~incidents.batch.results.ResultLine`s (never the raw file) and writes one
format: an ACLED-style CSV (:mod:`.acled_csv`), RFC 7946 GeoJSON (:mod:`.geojson_export`) and
a review page (:mod:`.review_page`). Failed articles are counted, never dropped silently.
"""
