"""ACLED's own spellings and codes, and the country facts an ACLED row needs.

Sources, so a reader can check every value here:

- Event and sub-event type labels, and which sub-event types count as political violence and
  which as demonstrations: the ``acled_event_categories`` table of ACLED's R package acledR
  (github.com/dtacled/acledR). ACLED's ``disorder_type`` (a column since March 2023) follows
  from those two flags: "Political violence", "Demonstrations", "Strategic developments", and
  the combined "Political violence; Demonstrations" for the one sub-event type that is both,
  "Excessive force against protesters". ("Mob violence" is political violence only.)
- Inter codes 1-8: ACLED's codebook (1 State forces ... 8 External/Other forces). ACLED's
  2024 exports also spell inter1/inter2 as words; the DESIGN contract keeps the numbers.
- Regions, and the country names where ACLED spells them differently from ISO 3166: acledR's
  ``acled_countries`` table (ACLED country name -> region), keyed here by ISO alpha-2.
  Countries ACLED does not list (e.g. Western Sahara, Hong Kong) get no region.
- ISO 3166 numeric and alpha-3 codes and the other English names come from ``pycountry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

EVENT_TYPE_LABELS: dict[str, str] = {
    "battles": "Battles",
    "explosions_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic_developments": "Strategic developments",
}

SUB_EVENT_TYPE_LABELS: dict[str, str] = {
    "armed_clash": "Armed clash",
    "government_regains_territory": "Government regains territory",
    "non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
    "chemical_weapon": "Chemical weapon",
    "air_drone_strike": "Air/drone strike",
    "suicide_bomb": "Suicide bomb",
    "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
    "remote_explosive_landmine_ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "sexual_violence": "Sexual violence",
    "attack": "Attack",
    "abduction_forced_disappearance": "Abduction/forced disappearance",
    "peaceful_protest": "Peaceful protest",
    "protest_with_intervention": "Protest with intervention",
    "excessive_force_against_protesters": "Excessive force against protesters",
    "violent_demonstration": "Violent demonstration",
    "mob_violence": "Mob violence",
    "agreement": "Agreement",
    "arrests": "Arrests",
    "change_to_group_activity": "Change to group/activity",
    "disrupted_weapons_use": "Disrupted weapons use",
    "headquarters_or_base_established": "Headquarters or base established",
    "looting_property_destruction": "Looting/property destruction",
    "non_violent_transfer_of_territory": "Non-violent transfer of territory",
    "other": "Other",
}

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
POLITICAL_VIOLENCE_AND_DEMONSTRATIONS = f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
DISORDER_TYPES = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    STRATEGIC_DEVELOPMENTS,
    POLITICAL_VIOLENCE_AND_DEMONSTRATIONS,
)

_DEMONSTRATION_SUB_EVENTS = frozenset(
    {
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
        "violent_demonstration",
    }
)
_NOT_POLITICAL_VIOLENCE = frozenset(
    {"peaceful_protest", "protest_with_intervention", "violent_demonstration"}
)


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's ``disorder_type`` of a (snake_case) event and sub-event type."""
    if event_type == "strategic_developments":
        return STRATEGIC_DEVELOPMENTS
    violent = sub_event_type not in _NOT_POLITICAL_VIOLENCE
    demonstration = sub_event_type in _DEMONSTRATION_SUB_EVENTS
    if violent and demonstration:
        return POLITICAL_VIOLENCE_AND_DEMONSTRATIONS
    return DEMONSTRATIONS if demonstration else POLITICAL_VIOLENCE


INTER_CODES: dict[str, int] = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_forces": 8,
}

CIVILIAN_TARGETING = "Civilian targeting"

TIME_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3}
"""ACLED codes only these three; a year or an unknown date has no ACLED time precision."""

# ACLED's regions (acledR's acled_countries), each with the ISO alpha-2 codes of its countries.
_REGION_MEMBERS: dict[str, str] = {
    "Antarctica": "AQ",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT "
    "VC VG VI",
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "Central America": "BZ CR GT HN NI PA SV",
    "East Asia": "CN JP KP KR MN TW",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT",
    "Europe": "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM "
    "IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "North America": "BM CA MX PM US",
    "Northern Africa": "DZ EG LY MA SD TN",
    "Oceania": "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM "
    "VU WF WS",
    "South America": "AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE",
    "South Asia": "BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Southern Africa": "BW LS NA SH SZ ZA ZM ZW",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
}
ACLED_REGION: dict[str, str] = {
    code: region for region, codes in _REGION_MEMBERS.items() for code in codes.split()
}

# Where ACLED's country name differs from pycountry's common English name.
ACLED_COUNTRY_NAME: dict[str, str] = {
    "BL": "Saint-Barthelemy",
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CW": "Curacao",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GG": "Bailiwick of Guernsey",
    "JE": "Bailiwick of Jersey",
    "MF": "Saint-Martin",
    "PS": "Palestine",
    "RE": "Reunion",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "XK": "Kosovo",  # not in ISO 3166-1 (so no numeric code), but ACLED codes it
}


@dataclass(frozen=True)
class Country:
    """What an ACLED row says about a country; empty strings where it cannot be known."""

    alpha_2: str
    alpha_3: str
    numeric: str
    name: str
    region: str


@cache
def country(alpha_2: str | None) -> Country | None:
    """The country of an ISO 3166-1 alpha-2 code, or None for no code or an unknown one."""
    if not alpha_2:
        return None
    import pycountry  # imported here: only exports need it

    code = alpha_2.upper()
    region = ACLED_REGION.get(code, "")
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:  # not ISO 3166-1 (Kosovo): ACLED's name, no ISO codes
        known = ACLED_COUNTRY_NAME.get(code)
        return Country(code, "", "", known, region) if known else None
    return Country(
        alpha_2=code,
        alpha_3=entry.alpha_3,
        # ACLED writes the ISO numeric code as a plain integer (Syria 760, Afghanistan 4).
        numeric=str(int(entry.numeric)),
        name=ACLED_COUNTRY_NAME.get(code) or getattr(entry, "common_name", None) or entry.name,
        region=region,
    )
