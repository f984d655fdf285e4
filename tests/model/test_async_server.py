"""The real async path (issue 24): ``aextract`` with an OpenAI-compatible server awaits its
requests on the event loop (``AsyncOpenAI``, no worker thread), and gives what ``extract``
gives, through a real ``llama_cpp.server`` on 127.0.0.1."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from incidents import aextract, extract
from llama_server import SERVER_MODEL, RecordingProxy, llama_server

pytestmark = [pytest.mark.model, pytest.mark.server]

ARTICLES = [
    "KIRKUK, Iraq — Gunmen attacked an army checkpoint near Wadi al-Shay, south-west of "
    "Kirkuk, late on Monday, killing three soldiers, two security officials said.",
    "BENI (RDC) — Au moins 17 civils ont été tués dimanche lors d'une attaque attribuée aux "
    "rebelles des ADF contre le village de Mamove, en territoire de Beni.",
]


def test_aextract_awaits_the_server_without_a_thread_and_matches_extract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import incidents.extraction

    def no_thread(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("aextract went to a worker thread")

    with llama_server(tmp_path / "server.log") as server, RecordingProxy(server) as proxy:
        settings = {"published": "2025-03-11", "base_url": proxy.base_url, "model": SERVER_MODEL}
        expected = [extract(text, **settings) for text in ARTICLES]
        sync_bodies = proxy.recorded()
        proxy.bodies.clear()
        monkeypatch.setattr(incidents.extraction, "in_a_thread", no_thread)

        async def both() -> list[Any]:
            return list(await asyncio.gather(*(aextract(t, **settings) for t in ARTICLES)))

        results = asyncio.run(both())
    assert [r.incidents for r in results] == [r.incidents for r in expected]
    assert all(r.provenance.backend == "openai" for r in results)
    assert sorted(map(str, proxy.recorded())) == sorted(map(str, sync_bodies))
    assert any(r.incidents for r in results)


def test_aextract_rejects_an_unknown_keyword() -> None:
    with pytest.raises(TypeError, match="colour"):
        asyncio.run(aextract("Gunmen killed two people in Gao.", colour="red"))
