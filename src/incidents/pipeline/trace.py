"""What the post-processing stages did to each of the model's incidents (``--explain``).

:func:`~incidents.pipeline.stages.run_stages` records a :class:`StageTrace` when it is given
one, by comparing each draft before and after each stage: a stage needs no code of its own to
be traced. A stage *may* say why it changed, dropped or merged a draft with
:meth:`Draft.note <incidents.pipeline.draft.Draft.note>`; without a note, a drop is explained
by the stage's one-line summary, and a draft that vanished while another took all its
sentences is reported as merged into that one.

Drafts are followed by :attr:`Draft.number <incidents.pipeline.draft.Draft.number>`, their
place in the model's answer (1 for the first), which stages keep whether they edit a draft in
place or copy it with :func:`dataclasses.replace`.

Usage::

    trace = StageTrace()
    result = extract(text, trace=trace)
    print("\\n".join(trace.lines()))
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, fields
from itertools import groupby
from typing import Any

from incidents.pipeline.draft import Draft, DraftActor, DraftLocation
from incidents.pipeline.shown_text import Withheld
from incidents.pipeline.stage import Stage
from incidents.schema import DateSpan, Incident

# Every field a stage may change: a field added to Draft is traced without a change here.
TRACED_FIELDS = tuple(f.name for f in fields(Draft) if f.name not in ("cited", "number", "notes"))
_MAX_TEXT_CHARS = 70  # a summary or phrase is cut here; the result has it in full
_CODE = re.compile(r"[a-z_]+")  # a snake_case code (a type, a role): shown without quotes


@dataclass(frozen=True)
class Change:
    """One field a stage changed, old and new value shortened for reading."""

    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field} {self.old} → {self.new}"


@dataclass
class Step:
    """What one stage did to one draft (only stages that did something get a step).

    Attributes:
        stage: The stage's name.
        changes: Fields it changed.
        reasons: Why, as the stage noted it (:meth:`Draft.note`); may be empty.
        rule: For a drop with no reason noted, the stage's summary: the rule it applies.
        dropped: The stage removed the draft (``merged_into`` None) ...
        merged_into: ... or folded it into draft ``#merged_into``.
        took_in: Drafts this one absorbed at this stage.
    """

    stage: str
    changes: list[Change] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    rule: str | None = None
    dropped: bool = False
    merged_into: int | None = None
    took_in: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """One line: what happened and why."""
        parts = [f"took in #{n}" for n in self.took_in]
        if self.merged_into is not None:
            parts.append(f"merged into #{self.merged_into}")
        elif self.dropped:
            parts.append("dropped")
        # "location: name none → "Al Hasakah", geo_precision none → 1" reads better than the
        # prefix repeated for each key of the place.
        for prefix, group in groupby(self.changes, key=lambda c: c.field.partition(".")[0]):
            changes = list(group)
            if "." in changes[0].field:
                keys = (f"{c.field.partition('.')[2]} {c.old} → {c.new}" for c in changes)
                parts.append(f"{prefix}: {', '.join(keys)}")
            else:
                parts += [str(change) for change in changes]
        text = "; ".join(parts)
        if self.reasons:
            return f"{text} (why: {'; '.join(self.reasons)})"
        return f"{text} (no reason given; the stage's rule: {self.rule})" if self.rule else text


@dataclass
class DraftTrace:
    """One incident of the model's answer, followed through the stages.

    Attributes:
        number: Its place in the answer, 1 for the first.
        sub_event_type: The type the model gave.
        sentences: The sentences the model cited.
        steps: What each stage that did something did, in stage order.
        untouched: The stages that saw the draft and left it as it was.
        incident: Its position in the result's ``incidents`` (1-based) when it made it there.
        invalid: It reached the end but did not validate as an Incident (a stage bug).
        made_by: For a draft a stage made (a split), that stage; None for the model's.
    """

    number: int
    sub_event_type: str
    sentences: list[int]
    steps: list[Step] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)
    incident: int | None = None
    invalid: bool = False
    made_by: str | None = None

    def step(self, stage: str) -> Step | None:
        """What ``stage`` did to this draft, or None if it did nothing (or never saw it)."""
        return next((s for s in self.steps if s.stage == stage), None)

    @property
    def outcome(self) -> str:
        """Where the draft ended: an incident of the result, dropped, or merged."""
        if self.incident is not None:
            return f"incident {self.incident} of the result"
        last = self.steps[-1] if self.steps else None
        if last is not None and last.merged_into is not None:
            return f"merged into #{last.merged_into} by {last.stage}"
        if last is not None and last.dropped:
            return f"dropped by {last.stage}"
        return "dropped: it did not validate as an incident" if self.invalid else "dropped"


@dataclass
class _Seen:
    """A draft as it entered a stage: the object the stage got, a copy of its fields, and how
    many notes it had (the notes after that are the stage's)."""

    draft: Draft
    fields: dict[str, Any]
    notes: int


@dataclass
class StageTrace:
    """The trace of one article's post-processing; fill it by passing it to ``run_stages`` or
    ``extract(trace=...)``.

    Attributes:
        drafts: One per incident of the model's answer, in answer order.
        stages: The stages that ran, in order.
        skipped: The stages left out.
        withheld: The sentences cut before the prompt as addressed to the model.
    """

    drafts: list[DraftTrace] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    unmasked: str = ""  # what was hidden in the text's encoding (incidents.text.security.skeleton)

    def draft(self, number: int) -> DraftTrace:
        """The trace of the answer's incident ``#number``."""
        return next(d for d in self.drafts if d.number == number)

    # --- recording (run_stages calls these) ---

    def begin(self, drafts: list[Draft], skipped: frozenset[str]) -> None:
        """Start a trace of ``drafts``, as the model gave them."""
        self.drafts = [DraftTrace(d.number, d.sub_event_type, list(d.sentences)) for d in drafts]
        self.stages, self.skipped = [], sorted(skipped)

    def before(self, drafts: list[Draft]) -> list[_Seen]:
        """The drafts as they enter a stage (copied: stages edit drafts in place)."""
        return [_Seen(d, _fields(d), len(d.notes)) for d in drafts]

    def after(self, stage: Stage, seen: list[_Seen], drafts: list[Draft]) -> None:
        """Record what ``stage`` did, from the drafts it got (``seen``) and returned."""
        self.stages.append(stage.name)
        by_number = {d.number: d for d in drafts}
        steps: dict[int, Step] = {}
        for entry in seen:
            kept = by_number.get(entry.draft.number)
            # A dropped draft's notes are on the object the stage was given.
            notes = (kept or entry.draft).notes[entry.notes :]
            step = Step(stage.name, reasons=[n.reason for n in notes])
            if kept is not None:
                step.changes = _changes(entry.fields, _fields(kept))
            else:
                merged = [n.merged_into for n in notes if n.merged_into is not None]
                step.merged_into = merged[-1] if merged else _absorber(entry, seen, by_number)
                step.dropped = True
                if step.merged_into is None and not step.reasons:
                    step.rule = stage.summary
            steps[entry.draft.number] = step
        for number, step in steps.items():
            if step.merged_into in steps:
                steps[step.merged_into].took_in.append(number)
        traces = {d.number: d for d in self.drafts}
        for draft in drafts:  # a draft this stage made (a split): followed from here on
            if draft.number not in traces:
                made = DraftTrace(draft.number, draft.sub_event_type, list(draft.sentences))
                made.made_by = stage.name
                self.drafts.append(made)
        for number, step in steps.items():
            trace = traces.get(number)
            if trace is None:
                continue
            if step.changes or step.reasons or step.dropped or step.took_in:
                trace.steps.append(step)
            else:
                trace.untouched.append(stage.name)

    def finish(self, drafts: list[Draft], built: list[Incident | None]) -> None:
        """Record which incident of the result each remaining draft became."""
        traces = {d.number: d for d in self.drafts}
        position = 0
        for draft, incident in zip(drafts, built, strict=True):
            trace = traces.get(draft.number)
            if incident is not None:
                position += 1
            if trace is not None:
                trace.incident = position if incident is not None else None
                trace.invalid = incident is None

    # --- reading ---

    def lines(self) -> list[str]:
        """The trace as text: a header, then per draft a ``#k`` line, its steps and its end."""
        kept = sum(1 for d in self.drafts if d.incident is not None)
        answered = sum(1 for d in self.drafts if d.made_by is None)
        skipped = f"; skipped: {', '.join(self.skipped)}" if self.skipped else ""
        out = [
            f"stage trace: {answered} incident(s) in the model's answer → {kept} "
            f"after {len(self.stages)} stages{skipped}"
        ]
        if self.unmasked:
            out.append(f"hidden in the text's encoding, read as it reads: {self.unmasked}")
        for cut in self.withheld:
            out.append(
                f"withheld before the prompt: sentence [{cut.number}] of the article "
                f"(characters {cut.start}–{cut.end}), {cut.reason}: {_short(cut.text)}"
            )
        if self.withheld:
            out.append("(sentence numbers below count the sentences the model was shown)")
        width = max(map(len, self.stages), default=0) + 2
        for draft in self.drafts:
            made = f" (made by {draft.made_by})" if draft.made_by else ""
            out.append(f"#{draft.number} {draft.sub_event_type}, sentences {draft.sentences}{made}")
            out += [f"  {s.stage:<{width}}{s.describe()}" for s in draft.steps]
            if draft.untouched:
                out.append(f"  {'':<{width}}left alone by {len(draft.untouched)} stages")
            out.append(f"  = {draft.outcome}")
        return out


def _fields(draft: Draft) -> dict[str, Any]:
    """A snapshot of the traced fields; the typed place and actors as plain dicts, which the
    change lines read key by key."""
    out = {}
    for name in TRACED_FIELDS:
        value = getattr(draft, name)
        if isinstance(value, DraftLocation):
            value = value.as_dict()
        elif isinstance(value, list) and all(isinstance(v, DraftActor) for v in value):
            value = [actor.as_dict() for actor in value]
        out[name] = copy.deepcopy(value)
    return out


def _absorber(entry: _Seen, seen: list[_Seen], kept: dict[int, Draft]) -> int | None:
    # A stage that gave no reason merged the vanished draft if another one gained all of its
    # sentences at this stage (cite_next_toll absorbing a bare toll sentence does this).
    mine = set(entry.fields["sentences"])
    for other in seen:
        survivor = kept.get(other.draft.number)
        if survivor is None or survivor.number == entry.draft.number:
            continue
        gained = set(survivor.sentences) - set(other.fields["sentences"])
        if gained and mine <= set(survivor.sentences):
            return survivor.number
    return None


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    for name in TRACED_FIELDS:
        before, after = old[name], new[name]
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            out += _dict_changes(name, before, after)
        else:
            out.append(Change(name, _short(before), _short(after)))
    return out


def _dict_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    # Counts read as "fatalities 4 → 3"; a place as "location.name ...", its two coordinates
    # as one "location.coordinates" change.
    prefix = "" if name == "counts" else f"{name}."
    out: list[Change] = []
    for key in sorted(old.keys() | new.keys(), key=list({**old, **new}).index):
        if key == "longitude":
            continue
        if key == "latitude":
            before, after = _point(old), _point(new)
            if before != after:
                out.append(Change(prefix + "coordinates", before, after))
        elif old.get(key) != new.get(key):
            out.append(Change(prefix + key, _short(old.get(key)), _short(new.get(key))))
    return out


def _point(place: dict[str, Any]) -> str:
    latitude, longitude = place.get("latitude"), place.get("longitude")
    if latitude is None or longitude is None:
        return "none"
    return f"{latitude:.3f},{longitude:.3f}"


def _short(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, DateSpan):
        return _date(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "; ".join(_actor(v) for v in value) or "[]"  # actors: each in full
    if isinstance(value, str):
        if _CODE.fullmatch(value):
            return value
        text = value if len(value) <= _MAX_TEXT_CHARS else value[: _MAX_TEXT_CHARS - 1] + "…"
        return f'"{text}"'
    return str(_plain(value))


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)  # an enum member (a default pydantic left as is)


def _date(span: DateSpan) -> str:
    days = str(span.start) if span.start == span.end else f"{span.start}..{span.end}"
    precision = _plain(span.precision)
    return f"{days} ({precision})" if span.start or span.end else f"no date ({precision})"


def _actor(actor: dict[str, Any]) -> str:
    details = ", ".join(str(_plain(actor[k])) for k in ("role", "kind") if actor.get(k))
    return f"{actor.get('name')} ({details})" if details else str(actor.get("name"))
