"""Informing the people affected by a breach (AVG art. 34): when a file may close, and what is still open.

DOMAIN.md section 3: when the assessment says the people must be informed, the incident stays open until
the date they were informed and how (letter, e-mail, parent app, public notice) is recorded, or the
art. 34(3) exception that applies is written down with its reasoning. Exception (c), disproportionate
effort, still needs a public communication instead (art. 34(3)(c)), so it also needs that notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ibp_desktop.core.incidents.rules import Decision


class InformChannel(StrEnum):
    """How the people were informed (AP form section 8)."""

    LETTER = "letter"
    EMAIL = "email"
    PARENT_APP = "parent_app"
    PUBLIC_NOTICE = "public_notice"


class InformException(StrEnum):
    """The three exceptions of AVG art. 34(3) to informing the people themselves."""

    ENCRYPTED = "encrypted"  # 34(3)(a): the data is unintelligible to anyone without access
    RISK_REMOVED = "risk_removed"  # 34(3)(b): later measures make the high risk no longer likely
    DISPROPORTIONATE = "disproportionate"  # 34(3)(c): too much effort; a public notice instead


CHANNEL_LABELS: dict[InformChannel, str] = {
    InformChannel.LETTER: "Brief",
    InformChannel.EMAIL: "E-mail",
    InformChannel.PARENT_APP: "Bericht in de ouderapp",
    InformChannel.PUBLIC_NOTICE: "Openbare mededeling",
}

EXCEPTION_LABELS: dict[InformException, str] = {
    InformException.ENCRYPTED: (
        "Art. 34 lid 3a: de gegevens waren goed beschermd (bijvoorbeeld versleuteld) en voor niemand leesbaar"
    ),
    InformException.RISK_REMOVED: (
        "Art. 34 lid 3b: door maatregelen achteraf is het hoge risico niet meer waarschijnlijk"
    ),
    InformException.DISPROPORTIONATE: (
        "Art. 34 lid 3c: iedereen apart informeren kost onevenredig veel moeite; er komt een openbare "
        "mededeling"
    ),
}


@dataclass(frozen=True)
class Informing:
    """What the register holds about informing the people (section 8 of the AP form)."""

    decision: Decision | None
    informed_at: datetime | None = None
    channel: InformChannel | None = None
    exception: InformException | None = None
    exception_reason: str = ""
    public_announcement: str = ""

    @property
    def required(self) -> bool:
        return self.decision is Decision.NOTIFY_AP_AND_SUBJECTS

    @property
    def settled(self) -> bool:
        """True when nothing about informing is left open (or nothing was required)."""
        return closing_problem(self) is None


def closing_problem(state: Informing) -> str | None:
    """The Dutch reason the incident cannot close yet because of art. 34; None when it can."""
    if not state.required:
        return None
    if state.informed_at is not None:
        if state.channel is None:
            return (
                "Vul in hoe de betrokkenen zijn geïnformeerd (brief, e-mail, ouderapp of openbare "
                "mededeling). Dan kunt u afsluiten."
            )
        return None
    if state.exception is not None:
        if not state.exception_reason.strip():
            return (
                "U beroept zich op een uitzondering van artikel 34 lid 3. Schrijf op waarom die uitzondering "
                "geldt. Dan kunt u afsluiten."
            )
        if state.exception is InformException.DISPROPORTIONATE and not state.public_announcement.strip():
            return (
                "Bij de uitzondering 'onevenredig veel moeite' (artikel 34 lid 3c) moet de school de "
                "betrokkenen met een openbare mededeling informeren. Vul in waar en wanneer die is gedaan."
            )
        return None
    return (
        "De betrokkenen moeten over dit datalek geïnformeerd worden (AVG artikel 34). Vul de datum in "
        "waarop ze zijn geïnformeerd en hoe, of schrijf op welke uitzondering van artikel 34 lid 3 geldt "
        "en waarom. Daarna kunt u afsluiten."
    )


def how_text(channel: InformChannel | None, to_whom: str) -> str:
    """ "Brief – ouders van groep 8": the channel's word and the free text, either may be missing."""
    return " – ".join(p for p in (CHANNEL_LABELS[channel] if channel else "", to_whom.strip()) if p)


def exception_text(exception: InformException | None, reason: str) -> str:
    """The art. 34(3) exception with its reasoning, or just the reasoning when none was chosen."""
    return ": ".join(p for p in (EXCEPTION_LABELS[exception] if exception else "", reason.strip()) if p)
