"""Versioned prompt files: ``prompts/<task>/v<N>.yaml``, loaded strictly and hashed.

A prompt file is data, validated at load time: unknown keys are errors, the Jinja2 templates
must compile, and every few-shot example must validate against the intermediate form the
prompt asks the model for (``output_form``), with its sentence ids inside the example.
Released files are never edited: a change is a new version (see the file's changelog).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from incidents.model.backend import Sampling
from incidents.prompting.forms import OUTPUT_FORMS, validate_example_output
from incidents.text.candidates import Candidates, candidates_of
from incidents.text.language.sentences import Sentence, number_sentences
from incidents.text.security.control_tokens import neutralize_control_tokens

PROMPT_REF = re.compile(r"^(?P<task>[a-z0-9_]+)@v(?P<version>\d+)$")


class PromptError(ValueError):
    """A prompt reference or file is wrong; the message says what and where."""


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1)
    published: dt.date | None = None
    output: dict[str, Any]


class PromptFile(BaseModel):
    """The schema of a prompt file."""

    model_config = ConfigDict(extra="forbid")
    task: str = Field(..., pattern=r"^[a-z0-9_]+$")
    version: int = Field(..., ge=1)
    released: dt.date
    description: str
    output_form: str
    # Examples' answers written without spaces ({"a":1,"b":[2,3]}): the model copies the
    # layout, and every ": " and ", " it leaves out is a decoding step saved (v5 on).
    compact_json: bool = False
    sampling: Sampling = Field(default_factory=Sampling)  # validated by the model side's type
    system: str = Field(..., min_length=1)
    user: str = Field(..., min_length=1, description="Jinja2 template for one article.")
    examples: list[Example] = Field(default_factory=list)
    changelog: list[str] = Field(..., min_length=1)


@dataclass(frozen=True)
class Prompt:
    """A loaded, validated prompt version."""

    spec: PromptFile
    path: Path
    sha256: str

    @property
    def ref(self) -> str:
        return f"{self.spec.task}@v{self.spec.version}"

    @property
    def chooses_candidates(self) -> bool:
        """Whether the prompt lists the places and actors code found for the model to choose
        from (finding them reads the gazetteer, so only such prompts do)."""
        return bool(getattr(OUTPUT_FORMS[self.spec.output_form], "chooses_candidates", False))

    def render_user(
        self, text: str, published: dt.date | None, sentences: Sequence[Sentence] | None = None
    ) -> str:
        """Render the user message for one article (text is data, never template source).

        ``sentences`` restricts it to a chunk of a long article. A chunk is numbered from [1]
        like an article of its own: with global numbers ([40]..[80]) the small model answered
        the middle chunks worse than the same chunks alone, so the caller adds the offset back.
        """
        return self._article_turn(text, published, sentences)[0]

    def _article_turn(
        self, text: str, published: dt.date | None, sentences: Sequence[Sentence] | None
    ) -> tuple[str, Candidates | None]:
        """The article's user message and the candidates it lists (None for forms that do not
        choose among them: finding them reads the gazetteer)."""
        shown = number_sentences(text).sentences if sentences is None else sentences
        listed = candidates_of(shown) if self.chooses_candidates else None
        return self._user_turn(shown, published, listed), listed

    def _user_turn(
        self, shown: Sequence[Sentence], published: dt.date | None, listed: Candidates | None
    ) -> str:
        return (
            _environment()
            .from_string(self.spec.user)
            .render(
                sentences="\n".join(
                    f"[{n}] {neutralize_control_tokens(s.text)}"
                    for n, s in enumerate(shown, start=1)
                ),
                published=published.isoformat() if published else None,
                candidates=listed.render() if listed is not None else "",
            )
        )

    @functools.cached_property
    def fixed_turns(self) -> tuple[dict[str, str], ...]:
        """System message and few-shot turns: the same for every article, rendered once."""
        messages = [{"role": "system", "content": self.spec.system.strip()}]
        separators = (",", ":") if self.spec.compact_json else (", ", ": ")
        for example in self.spec.examples:
            messages.append(
                {"role": "user", "content": self.render_user(example.text, example.published)}
            )
            answer = json.dumps(example.output, ensure_ascii=False, separators=separators)
            messages.append({"role": "assistant", "content": answer})
        return tuple(messages)

    def render(
        self, text: str, published: dt.date | None, sentences: Sequence[Sentence] | None = None
    ) -> RenderedChunk:
        """The article (or a chunk of it) as the model is asked about it, rendered once: the
        messages, how many of them every article shares, and the candidates listed."""
        content, listed = self._article_turn(text, published, sentences)
        article_turn = {"role": "user", "content": content}
        fixed = [dict(turn) for turn in self.fixed_turns]  # the caller's copy to keep
        return RenderedChunk([*fixed, article_turn], len(fixed), listed)

    def messages(
        self, text: str, published: dt.date | None, sentences: Sequence[Sentence] | None = None
    ) -> list[dict[str, str]]:
        """System message, few-shot turns, then the article (or a chunk of it)."""
        return self.render(text, published, sentences).messages


@dataclass(frozen=True)
class RenderedChunk:
    """One article or chunk, rendered for the model.

    Attributes:
        messages: the chat messages sent.
        fixed_turns: how many leading messages (system text, few-shot turns) every article of
            the prompt shares: the embedded model keeps their tokens as a reusable prefix.
        candidates: the places and actors listed in the article's turn, for forms that choose
            among them (the answer's ids are read back against this same list); else None.
    """

    messages: list[dict[str, str]]
    fixed_turns: int
    candidates: Candidates | None


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    # Sandboxed and strict: a typo in a template fails loudly instead of rendering "".
    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


def prompts_dir() -> Path:
    """``INCIDENTS_PROMPTS_DIR``, else the prompt files shipped inside the package.

    The wheel carries the repository's top-level ``prompts/`` folder as the data package
    ``incidents.prompt_files`` (see pyproject.toml), a real directory in an installed wheel.
    An editable install or a run from the checkout imports ``src/incidents``, which has no
    such folder: there the shipped files are the checkout's ``prompts/`` folder itself.
    """
    configured = os.environ.get("INCIDENTS_PROMPTS_DIR")
    if configured:
        return Path(configured)
    shipped = resources.files("incidents") / "prompt_files"
    if isinstance(shipped, Path) and shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "prompts"


def parse_ref(ref: str) -> tuple[str, int]:
    match = PROMPT_REF.match(ref.strip())
    if not match:
        raise PromptError(
            f"bad prompt reference {ref!r}: expected TASK@vN, e.g. extract_incidents@v1"
        )
    return match["task"], int(match["version"])


def load_prompt(ref: str) -> Prompt:
    """Load and validate ``TASK@vN``.

    Raises:
        PromptError: unknown version (the message lists the known ones) or an invalid file.
    """
    task, version = parse_ref(ref)
    path = prompts_dir() / task / f"v{version}.yaml"
    if not path.is_file():
        known = ", ".join(p.ref for p in list_prompts() if p.spec.task == task) or "none"
        raise PromptError(f"unknown prompt {ref!r} (known versions: {known})")
    return _load_path(path)


@lru_cache(maxsize=64)
def _load_path(path: Path) -> Prompt:
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
        spec = PromptFile.model_validate(data)
    except (yaml.YAMLError, ValidationError) as error:
        raise PromptError(f"{path}: invalid prompt file: {error}") from error
    if f"v{spec.version}.yaml" != path.name or spec.task != path.parent.name:
        raise PromptError(f"{path}: task/version inside the file do not match its path")
    if spec.output_form not in OUTPUT_FORMS:
        raise PromptError(
            f"{path}: unknown output_form {spec.output_form!r}; known: {', '.join(OUTPUT_FORMS)}"
        )
    try:
        _environment().from_string(spec.user)
    except TemplateSyntaxError as error:
        raise PromptError(f"{path}: user template does not compile: {error}") from error
    for index, example in enumerate(spec.examples):
        try:
            validate_example_output(spec.output_form, example.output, example.text)
        except (ValidationError, ValueError) as error:
            raise PromptError(f"{path}: example {index + 1} is invalid: {error}") from error
    return Prompt(spec=spec, path=path, sha256=hashlib.sha256(raw).hexdigest())


def list_prompts() -> list[Prompt]:
    """Every prompt file under :func:`prompts_dir`, sorted by task then version."""
    found = []
    for path in sorted(prompts_dir().glob("*/v*.yaml")):
        found.append(_load_path(path))
    return sorted(found, key=lambda p: (p.spec.task, p.spec.version))
