"""The code sets eventwire emits: PLOVER types, quads and modes, CAMEO roots, ACLED types, actor codes and sectors.

The one home of these tables (ONTOLOGY.md, the PLOVER 2.0 manual, CAMEO 1.1b3, the ACLED codebook). The coder,
the exports, the API (`GET /api/codes`) and the web page all read them from here, so a code cannot mean one
thing in the CSV and another on the map.
"""

from __future__ import annotations

from typing import Any

PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "SANCTION": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
EVENT_TYPES: tuple[str, ...] = tuple(PLOVER_QUAD)

# PLOVER 2.0 modes of each type (ONTOLOGY.md; "assassinate" is written "targeted").
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "execute", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "cleansing",
        "massacre", "unconventional",
    ),
}  # fmt: skip

# The CAMEO root an event of each PLOVER type takes when nothing more specific is known (ONTOLOGY.md).
CAMEO_OF: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "CONCEDE": "08",
    "COOPERATE": "06",
    "AID": "07",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "SANCTION": "16",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "COERCE": "17",
    "ASSAULT": "18",
}
CAMEO_OF_MODE: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "massacre"): "20",
    ("ASSAULT", "cleansing"): "20",
    ("ASSAULT", "unconventional"): "20",
}

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

CAMEO_ROOTS: dict[str, str] = {
    "01": "make public statement",
    "02": "appeal",
    "03": "express intent to cooperate",
    "04": "consult",
    "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation",
    "07": "provide aid",
    "08": "yield",
    "09": "investigate",
    "10": "demand",
    "11": "disapprove",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "exhibit force posture",
    "16": "reduce relations",
    "17": "coerce",
    "18": "assault",
    "19": "fight",
    "20": "use unconventional mass violence",
}

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
}
ACLED_TYPE_OF: dict[str, str] = {sub: kind for kind, subs in ACLED_TAXONOMY.items() for sub in subs}

# Actor codes: ISO 3166-1 alpha-3, PLOVER's non-state "countries", and PLOVER's Kosovo.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
EXTRA_STATE_CODES = frozenset({"KOS"})
# Foreign or international bodies: ACLED's "external/other forces" (inter code 8).
EXTERNAL_CODES = NON_STATE_CODES

# PLOVER's actor sectors and what each means.
SECTOR_NAMES: dict[str, str] = {
    "COP": "police", "GOV": "government", "JUD": "judiciary", "LEG": "legislature", "MIL": "military",
    "PRM": "paramilitary", "PTY": "political party", "REB": "rebels", "SPY": "intelligence",
    "UAF": "armed group", "UNK": "unknown", "AGR": "agriculture", "BUS": "business", "CRM": "criminals",
    "CVL": "civilians", "EDU": "education", "ELI": "elites", "JRN": "journalists", "LAB": "labour",
    "MED": "health", "REF": "refugees", "OPP": "opposition", "PRE": "former government", "REL": "religious",
    "SOC": "social groups",
}  # fmt: skip
SECTORS = frozenset(SECTOR_NAMES)
# The state: its government, forces, courts and legislature (ACLED inter code 1).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "PRM", "JUD", "LEG"})
# Those of them that carry arms or command those who do.
STATE_FORCE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "PRM"})
# Police, army and intelligence: who the police scorer and ACLED's state-force questions mean.
SECURITY_SECTORS = frozenset({"MIL", "COP", "SPY"})
ARMED_SECTORS = STATE_FORCE_SECTORS | {"REB", "UAF", "CRM"}
# People with no arms and no office: ACLED's civilians (inter code 7).
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "JRN", "MED", "REL", "EDU", "LAB", "AGR", "BUS", "ELI", "SOC"})


def coding_problems(event: str | None, mode: str | None = None, acled: str | None = None) -> list[str]:
    """What is wrong with a hand-written coding (an event type, its mode, an ACLED sub-type); empty when valid."""
    if event not in PLOVER_MODES:
        return [f"unknown event {event!r}"]
    found = []
    if mode is not None and mode not in PLOVER_MODES[event]:
        found.append(f"mode {mode!r} is not a mode of {event}")
    if acled is not None and acled not in ACLED_TYPE_OF:
        found.append(f"unknown ACLED sub-event type {acled!r}")
    return found


def as_json() -> dict[str, Any]:
    """The tables as one JSON object, for the API and the web page."""
    return {
        "event_types": [
            {"event": e, "quad": q, "modes": list(PLOVER_MODES[e])} for e, q in PLOVER_QUAD.items()
        ],
        "quads": {str(q): name for q, name in QUAD_NAMES.items()},
        "cameo_roots": CAMEO_ROOTS,
        "acled": {kind: list(subs) for kind, subs in ACLED_TAXONOMY.items()},
        "sectors": {code: SECTOR_NAMES[code] for code in sorted(SECTORS)},
        "non_state_codes": sorted(NON_STATE_CODES),
    }
