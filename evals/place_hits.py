"""How many gold places the gazetteer resolves, from the words the article uses for them.

    python evals/place_hits.py [--gold DIR ...]

For every gold incident whose location has ``name_original`` (the article's words), the
words are resolved with :func:`incidents.text.places.gazetteer.resolve_place` twice: without a
country hint, and with the article's country prior (:mod:`incidents.text.places.country_prior`). A
hit is a resolved place whose name matches the gold name (the scorer's name similarity) in the gold
country. A third count asks what the pipeline asks (issue 22): is the gold place among the
places :func:`incidents.text.places.gazetteer.find_places` finds in the sentence that reports the
incident (the gold's first evidence span, hinted with the gold country)? Prints one line per
split: places, hits without and with the prior, and found in the sentence.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from incidents.evals import load_gold
from incidents.text.language.name_similarity import NAME_MATCH, name_similarity
from incidents.text.places.country_prior import article_country
from incidents.text.places.gazetteer import Place, find_places, resolve_place

GOLD = Path(__file__).parent / "gold"


def _hit(place: Place | None, name: str, country: str | None) -> bool:
    if place is None:
        return False
    same_name = name_similarity(place.name, name) >= NAME_MATCH
    return same_name and (country is None or place.country == country)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold",
        type=Path,
        nargs="+",
        default=[GOLD / s for s in ("dev", "test", "test2", "test3")],
    )
    args = parser.parse_args()
    for gold_dir in args.gold:
        total = plain = with_prior = in_sentence = with_evidence = 0
        for doc in load_gold(gold_dir):
            prior = article_country(doc.text)
            for incident in doc.incidents:
                location = incident.location
                if location is None or not location.name_original or not location.name:
                    continue
                total += 1
                words, name, country = location.name_original, location.name, location.country
                plain += _hit(resolve_place(words), name, country)
                with_prior += _hit(resolve_place(words, country_hint=prior), name, country)
                if incident.evidence:
                    with_evidence += 1
                    found = find_places(incident.evidence[0].text, country_hint=country)
                    in_sentence += any(_hit(p, name, country) for p in found)
        print(
            f"{gold_dir.name}: {total} gold places with the article's words; resolved right "
            f"{plain} ({plain / max(total, 1):.0%}) without a hint, "
            f"{with_prior} ({with_prior / max(total, 1):.0%}) with the country prior; "
            f"found in the reporting sentence {in_sentence} of {with_evidence}"
        )


if __name__ == "__main__":
    main()
