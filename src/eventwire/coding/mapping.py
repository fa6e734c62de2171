"""PLOVER -> quad class, CAMEO root names and ACLED types: the fixed tables the codes follow.

These come from the PLOVER 2.0 manual (quad table), the CAMEO 1.1b3 root list and the ACLED codebook
(6 event types, 25 sub-event types). They are tables, not rules, so the codebook prints them as-is.
"""

from __future__ import annotations

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

QUAD_NAMES = {
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

# Sectors of state forces: an armed attack by them on a town means the government regains it.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "PRM", "SPY"})
ARMED_SECTORS = STATE_SECTORS | {"REB", "UAF", "CRM"}


def acled_code(sub_event_type: str | None) -> dict[str, str] | None:
    """The ACLED record `{"event_type", "sub_event_type"}` for a sub-type, or None outside ACLED's scope."""
    if sub_event_type is None:
        return None
    return {"event_type": ACLED_TYPE_OF[sub_event_type], "sub_event_type": sub_event_type}


def refine_acled(
    sub: str | None,
    actor_sectors: set[str],
    recipient_sectors: set[str],
    recipient_civilian: bool,
    recipient_protesters: bool,
) -> str | None:
    """Adjust a violent event's ACLED sub-type by who did it to whom (the codebook's own distinctions).

    Direct attacks on civilians are "Violence against civilians/Attack", not a battle; force used on
    protesters is "Excessive force against protesters"; state forces taking a town regain territory;
    a direct attack by one armed side on another is an armed clash.
    """
    if sub in ("Attack", "Armed clash"):
        if recipient_protesters:
            return "Excessive force against protesters"
        if recipient_civilian or "CVL" in recipient_sectors:
            return "Attack"
        if recipient_sectors & ARMED_SECTORS and actor_sectors & ARMED_SECTORS:
            return "Armed clash"
    if sub == "Non-state actor overtakes territory" and actor_sectors & STATE_SECTORS:
        return "Government regains territory"
    return sub
