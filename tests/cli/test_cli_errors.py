"""Every bad input ends with a one-line message and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.reading import MAX_FILE_BYTES


def run_cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_BACKEND"))
    }
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "incidents", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def assert_clean_error(
    result: subprocess.CompletedProcess[str], message: str, code: int = 2
) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("error: "), result.stderr
    assert message in " ".join(lines), result.stderr


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_error(run_cli("extract", str(tmp_path / "nope.txt")), "no such file")


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    article = tmp_path / "empty.txt"
    article.write_bytes(content)
    assert_clean_error(run_cli("extract", str(article)), "is empty")


def test_empty_stdin() -> None:
    assert_clean_error(run_cli("extract", "-", stdin=b"  \n"), "stdin is empty")


def test_binary_file(tmp_path: Path) -> None:
    article = tmp_path / "image.txt"
    article.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_clean_error(run_cli("extract", str(article)), "looks binary")


def test_non_utf8_file(tmp_path: Path) -> None:
    article = tmp_path / "cp1256.txt"
    article.write_bytes("قتل ثلاثة أشخاص في حلب".encode("cp1256"))
    assert_clean_error(run_cli("extract", str(article)), "is not valid UTF-8")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    article.write_text("word " * (MAX_FILE_BYTES // 5 + 10))
    assert_clean_error(run_cli("extract", str(article)), "the limit is 1,048,576 bytes (1 MiB)")


def test_unknown_prompt_version(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.")
    result = run_cli("extract", str(article), "--prompt", "extract_incidents@v99")
    assert_clean_error(
        result, "unknown prompt 'extract_incidents@v99' (known versions: extract_incidents@v1"
    )


def test_unknown_backend(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.")
    assert_clean_error(
        run_cli("extract", str(article), "--backend", "gpt"), "unknown backend 'gpt'"
    )


def test_unreachable_base_url(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.")
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    result = run_cli(
        "extract", str(article), "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"
    )
    assert_clean_error(result, "cannot reach http://127.0.0.1:9/v1", code=3)


def test_missing_api_key_for_openai(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.")
    result = run_cli("extract", str(article), "--backend", "openai")
    assert_clean_error(result, "needs an API key: set OPENAI_API_KEY")


def test_bad_published_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Three people were killed in Aleppo.")
    assert_clean_error(run_cli("extract", str(article), "--published", "yesterday"), "ISO date")


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("extract", "eval", "batch", "prompts", "schema"):
        assert command in result.stdout
