"""ACLED sub-event types for coded events: the codebook's distinctions by who did what to whom.

The tables themselves (PLOVER quads, CAMEO roots, the ACLED taxonomy, sectors) live in `eventwire.codes`.
"""

from __future__ import annotations

from eventwire.codes import ACLED_TYPE_OF, ARMED_SECTORS, STATE_FORCE_SECTORS


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
    if sub == "Non-state actor overtakes territory" and actor_sectors & STATE_FORCE_SECTORS:
        return "Government regains territory"
    return sub
