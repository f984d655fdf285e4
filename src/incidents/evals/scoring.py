"""Score one article's prediction against its gold: pairs, misses, spurious incidents, fields.

Per-field scores are computed on matched pairs only, and only where gold annotates the field:

* ``event_type``, ``sub_event_type``, ``country``: exact agreement.
* ``location``: :func:`~incidents.evals.similarity.locations_match` (name, gazetteer, 25 km).
* ``date``: the ranges overlap at their stated precision.
* ``actors``: name-level precision/recall/F1 (micro over pairs); ``actor_roles``: the role is
  right, over actor pairs matched by name.
* ``fatalities``, ``injured``, ``detained``: exact-match accuracy, plus mean absolute error
  over the pairs where the prediction gives a number (a null prediction counts as wrong in
  accuracy and as ``missing``, not in the MAE).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from incidents.evals.analyst_ready import wrong_aspects
from incidents.evals.gold import GoldDocument
from incidents.evals.similarity import align, dates_overlap, locations_match
from incidents.events.matching import match_actors
from incidents.schema import COUNT_FIELDS, ExtractionResult, Incident

ACCURACY_FIELDS = ("event_type", "sub_event_type", "location", "country", "date", "actor_roles")
FIELD_ORDER = (
    "event_type",
    "sub_event_type",
    "location",
    "country",
    "date",
    "actors",
    "actor_roles",
    *COUNT_FIELDS,
)


def micro_prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    Conventions for empty denominators: with nothing predicted, precision is 1.0 if there was
    nothing to find, else 0.0 (and recall likewise); F1 is ``2tp / (2tp + fp + fn)``, 1.0 when
    all three counts are 0 (nothing to find, nothing claimed).
    """
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return precision, recall, f1


@dataclass
class FieldTally:
    """Counts for one field, summable over pairs and articles."""

    n: int = 0  # matched pairs where gold annotates the field
    correct: int = 0
    abs_err: float = 0.0  # count fields: sum of |predicted - gold| where both are numbers
    abs_n: int = 0
    tp: int = 0  # actors: name-level counts
    fp: int = 0
    fn: int = 0

    def add(self, other: FieldTally) -> FieldTally:
        """Return the sum of two tallies."""
        return FieldTally(**{k: getattr(self, k) + getattr(other, k) for k in asdict(self)})

    def summary(self, name: str) -> dict[str, Any]:
        """The scores of this tally as a JSON-ready dict; ``score`` is the headline number."""
        out: dict[str, Any] = {"n": self.n}
        if name == "actors":
            p, r, f1 = micro_prf(self.tp, self.fp, self.fn)
            scored = self.n > 0
            out.update(tp=self.tp, fp=self.fp, fn=self.fn)
            out.update(precision=p if scored else None, recall=r if scored else None)
            out["f1"] = out["score"] = f1 if scored else None
            return out
        accuracy = self.correct / self.n if self.n else None
        out.update(correct=self.correct, accuracy=accuracy, score=accuracy)
        if name in COUNT_FIELDS:
            out["mae"] = self.abs_err / self.abs_n if self.abs_n else None
            out["mae_n"] = self.abs_n
            out["missing"] = self.n - self.abs_n
        return out


@dataclass
class ArticleResult:
    """Everything the report keeps about one article (JSON-ready; see ``to_dict``)."""

    id: str
    language: str
    status: str  # "ok", "failed" (extraction raised), "missing" (no prediction given)
    gold: int
    predicted: int
    matches: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, FieldTally] = field(default_factory=dict)
    evidence_spans: int = 0
    grounded_spans: int = 0
    seconds: float = 0.0
    wall_seconds: float | None = None
    usage: dict[str, int] = field(default_factory=dict)
    cached: bool | None = None
    error: str | None = None

    @property
    def tp(self) -> int:
        return len(self.matches)

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def f1(self) -> float:
        return micro_prf(self.tp, self.fp, self.fn)[2]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (tallies become their counts plus a ``summary``)."""
        out = asdict(self)
        out["matched"] = self.tp
        out["precision"], out["recall"], out["f1"] = micro_prf(self.tp, self.fp, self.fn)
        out["fields"] = {k: asdict(v) for k, v in self.fields.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        """Inverse of :meth:`to_dict` (derived keys are ignored)."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known["fields"] = {k: FieldTally(**v) for k, v in data.get("fields", {}).items()}
        return cls(**known)


def _describe(incident: Incident, index: int) -> dict[str, Any]:
    return {
        "index": index,
        "summary": incident.summary,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "location": incident.location.name or incident.location.name_original,
        "date": incident.date.start.isoformat() if incident.date.start else incident.date.text,
        "fatalities": incident.fatalities,
    }


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def score_pair(pred: Incident, gold: Incident) -> tuple[dict[str, FieldTally], dict[str, Any]]:
    """Score the fields of one matched pair.

    Returns:
        The tallies for the fields gold annotates, and the wrong ones as
        ``{field: {"gold": ..., "predicted": ...}}``.
    """
    tallies: dict[str, FieldTally] = {}
    errors: dict[str, Any] = {}

    def judge(name: str, ok: bool | None, gold_value: Any, pred_value: Any) -> None:
        if ok is None:
            return
        tallies[name] = FieldTally(n=1, correct=int(ok))
        if not ok:
            errors[name] = {"gold": _json_value(gold_value), "predicted": _json_value(pred_value)}

    judge("event_type", pred.event_type == gold.event_type, gold.event_type, pred.event_type)
    judge(
        "sub_event_type",
        pred.sub_event_type == gold.sub_event_type,
        gold.sub_event_type,
        pred.sub_event_type,
    )
    judge(
        "location",
        locations_match(pred.location, gold.location),
        gold.location.name,
        pred.location.name,
    )
    if gold.location.country:
        judge(
            "country",
            pred.location.country == gold.location.country,
            gold.location.country,
            pred.location.country,
        )
    judge("date", dates_overlap(pred.date, gold.date), gold.date.start, pred.date.start)
    if gold.actors:
        pairs = match_actors(pred.actors, gold.actors)
        tp = len(pairs)
        tallies["actors"] = FieldTally(
            n=1, tp=tp, fp=len(pred.actors) - tp, fn=len(gold.actors) - tp
        )
        matched_gold = {g for _, g, _ in pairs}
        matched_pred = {p for p, _, _ in pairs}
        if tp < len(gold.actors) or tp < len(pred.actors):
            errors["actors"] = {
                "missed": [a.name for j, a in enumerate(gold.actors) if j not in matched_gold],
                "spurious": [a.name for i, a in enumerate(pred.actors) if i not in matched_pred],
            }
        roles = FieldTally()
        for i, j, _ in pairs:
            right = pred.actors[i].role == gold.actors[j].role
            roles = roles.add(FieldTally(n=1, correct=int(right)))
            if not right:
                errors.setdefault("actor_roles", []).append(
                    {
                        "actor": gold.actors[j].name,
                        "gold": gold.actors[j].role,
                        "predicted": pred.actors[i].role,
                    }
                )
        if roles.n:
            tallies["actor_roles"] = roles
    for name in COUNT_FIELDS:
        gold_n, pred_n = getattr(gold, name), getattr(pred, name)
        if gold_n is None:
            continue
        tally = FieldTally(n=1, correct=int(pred_n == gold_n))
        if pred_n is not None:
            tally.abs_err, tally.abs_n = float(abs(pred_n - gold_n)), 1
        tallies[name] = tally
        if pred_n != gold_n:
            errors[name] = {"gold": gold_n, "predicted": pred_n}
    return tallies, errors


def _grounding(prediction: ExtractionResult, text: str) -> tuple[int, int]:
    spans = [e for inc in prediction.incidents for e in inc.evidence]
    grounded = sum(
        1 for e in spans if 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text
    )
    return len(spans), grounded


def score_article(
    doc: GoldDocument,
    prediction: ExtractionResult | None,
    *,
    error: str | None = None,
    wall_seconds: float | None = None,
) -> ArticleResult:
    """Align a prediction with its gold article and score it.

    Args:
        doc: The gold article.
        prediction: The extraction for it; None when it failed or is missing (scored as
            predicting nothing).
        error: Why extraction failed, if it did.
        wall_seconds: Wall-clock time the runner measured, if any.
    """
    status = "failed" if error else ("missing" if prediction is None else "ok")
    pred = list(prediction.incidents) if prediction else []
    gold = list(doc.incidents)
    pairs, sim = align(pred, gold)
    result = ArticleResult(
        id=doc.id,
        language=doc.language,
        status=status,
        gold=len(gold),
        predicted=len(pred),
        error=error,
        wall_seconds=wall_seconds,
    )
    for i, j, s in pairs:
        tallies, errors = score_pair(pred[i], gold[j])
        for name, tally in tallies.items():
            result.fields[name] = result.fields.get(name, FieldTally()).add(tally)
        result.matches.append(
            {
                "predicted": i,
                "gold": j,
                "similarity": round(s, 4),
                "errors": errors,
                # what an analyst would still fix; [] is an analyst-ready record
                "not_ready": wrong_aspects(pred[i], gold[j]),
                # kept for the event-type confusion matrix (incidents.evals.confusion)
                "gold_event_type": gold[j].event_type,
                "predicted_event_type": pred[i].event_type,
            }
        )
    matched_pred = {i for i, _, _ in pairs}
    matched_gold = {j for _, j, _ in pairs}
    for j, incident in enumerate(gold):
        if j not in matched_gold:
            entry = _describe(incident, j)
            if pred:  # the closest prediction says why it did not count (wrong type? place?)
                best = int(np.argmax(sim[:, j]))
                entry.update(best_predicted=best, best_similarity=round(float(sim[best, j]), 4))
            result.missed.append(entry)
    for i, incident in enumerate(pred):
        if i not in matched_pred:
            entry = _describe(incident, i)
            if gold:
                best = int(np.argmax(sim[i, :]))
                entry.update(best_gold=best, best_similarity=round(float(sim[i, best]), 4))
            result.spurious.append(entry)
    if prediction is not None:
        result.evidence_spans, result.grounded_spans = _grounding(prediction, doc.text)
        prov = prediction.provenance
        result.seconds = prov.seconds
        result.usage = prov.usage.model_dump()
        result.cached = prov.cached
    return result
