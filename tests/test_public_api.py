"""The package's public API (issue 24, first step): what a Python caller imports from
``incidents`` itself, without knowing the module layout."""

from __future__ import annotations

import datetime as dt

import pytest

import incidents


def test_the_public_names_are_importable_from_the_package() -> None:
    for name in incidents.__all__:
        assert getattr(incidents, name) is not None, name
    assert {"InputError", "PromptError", "ConfigError", "BackendError"} <= set(incidents.__all__)


def test_a_bad_input_raises_the_exported_error() -> None:
    with pytest.raises(incidents.InputError):
        incidents.extract("   ", published=dt.date(2025, 1, 1), cache_mode="off")


def test_an_unknown_prompt_raises_the_exported_error() -> None:
    with pytest.raises(incidents.PromptError):
        incidents.extract("Gunmen killed two people in Gao.", prompt="extract_incidents@v999",
                          cache_mode="off")  # fmt: skip


def test_help_lists_the_public_api() -> None:
    import pydoc

    text = pydoc.render_doc(incidents, renderer=pydoc.plaintext)
    for name in ("extract", "read_article", "InputError", "BackendError", "extract_many",
                 "to_acled_csv", "to_geojson", "to_review_page", "aextract"):  # fmt: skip
        assert name in text
