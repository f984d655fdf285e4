from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from incidents.prompting.forms import CitedIncidents
from incidents.prompting.prompts import PromptError, list_prompts, load_prompt, prompts_dir


def test_every_released_prompt_loads_and_hashes_its_bytes() -> None:
    found = list_prompts()
    assert found, "no prompt files found"
    for prompt in found:
        assert prompt.sha256 == hashlib.sha256(prompt.path.read_bytes()).hexdigest()
        assert prompt.spec.changelog


def test_unknown_version_lists_known_ones() -> None:
    with pytest.raises(
        PromptError, match=r"unknown prompt 'extract_incidents@v999'.*extract_incidents@v1"
    ):
        load_prompt("extract_incidents@v999")


def test_bad_reference() -> None:
    with pytest.raises(PromptError, match="expected TASK@vN"):
        load_prompt("extract_incidents-v1")


def _copy_prompt(tmp_path: Path, mutate) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "extract_incidents"
    target.mkdir()
    source = prompts_dir() / "extract_incidents" / "v1.yaml"
    shutil.copy(source, target / "v1.yaml")
    mutate(target / "v1.yaml")


def test_unknown_keys_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_prompt(tmp_path, lambda p: p.write_text(p.read_text() + "temprature: 0.2\n"))
    monkeypatch.setenv("INCIDENTS_PROMPTS_DIR", str(tmp_path))
    with pytest.raises(PromptError, match="temprature"):
        load_prompt("extract_incidents@v1")


def test_invalid_few_shot_example_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_prompt(
        tmp_path,
        lambda p: p.write_text(
            p.read_text().replace("sub_event_type: armed_clash", "sub_event_type: skirmish", 1)
        ),
    )
    monkeypatch.setenv("INCIDENTS_PROMPTS_DIR", str(tmp_path))
    with pytest.raises(PromptError, match="example 1 is invalid"):
        load_prompt("extract_incidents@v1")


def test_example_citing_a_missing_sentence_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_prompt(
        tmp_path,
        lambda p: p.write_text(p.read_text().replace("sentences: [2]", "sentences: [42]", 1)),
    )
    monkeypatch.setenv("INCIDENTS_PROMPTS_DIR", str(tmp_path))
    with pytest.raises(PromptError, match="not in the article"):
        load_prompt("extract_incidents@v1")


def test_article_text_is_data_not_template() -> None:
    prompt = load_prompt("extract_incidents@v1")
    hostile = "{{ 7*7 }} {% for x in range(3) %}boom{% endfor %}. Second sentence."
    rendered = prompt.render_user(hostile, None)
    assert "{{ 7*7 }}" in rendered and "49" not in rendered and "boomboom" not in rendered


def test_messages_end_with_the_numbered_article() -> None:
    prompt = load_prompt("extract_incidents@v1")
    messages = prompt.messages("First sentence. Second one.", None)
    assert messages[0]["role"] == "system"
    assert messages[-1]["role"] == "user"
    assert "[1] First sentence." in messages[-1]["content"]
    assert "[2] Second one." in messages[-1]["content"]
    for example, answer in zip(messages[1:-1:2], messages[2:-1:2], strict=True):
        assert example["role"] == "user" and answer["role"] == "assistant"
        CitedIncidents.model_validate_json(answer["content"])
