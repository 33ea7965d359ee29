"""The consent tabs of "Leerlingen en toestemming": fast entry, per group, campaign, purposes and form.

``consent_tabs(context)`` gives (title, factory) for each tab this user may use; the area adds them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ibp_desktop.core.roles import Permission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.services.context import Actor
    from ibp_desktop.ui.context import AppContext


@dataclass(frozen=True)
class ConsentTab:
    title: str
    factory: Callable[[AppContext], QWidget]
    any_of: frozenset[Permission]

    def allowed(self, actor: Actor) -> bool:
        return any(actor.can(p) for p in self.any_of)


def _fast_entry(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.consent.fast_entry import FastEntryTab

    return FastEntryTab(context)


def _groups(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.consent.group_tab import GroupTab

    return GroupTab(context)


def _campaign(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.consent.campaign_tab import CampaignTab

    return CampaignTab(context)


def _scans(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.consent.scan_tab import ScanTab

    return ScanTab(context)


def _purposes(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.consent.purposes_tab import PurposesTab

    return PurposesTab(context)


FAST_ENTRY = ConsentTab("Formulieren invoeren", _fast_entry, frozenset({Permission.RECORD_CONSENT}))
SCANS = ConsentTab("Scans inlezen", _scans, frozenset({Permission.RECORD_CONSENT}))
PER_GROUP = ConsentTab("Per groep", _groups, frozenset({Permission.VIEW_PUPILS}))
CAMPAIGN = ConsentTab("Campagne", _campaign, frozenset({Permission.VIEW_PUPILS}))
PURPOSES = ConsentTab("Doelen en formulier", _purposes, frozenset({Permission.MANAGE_CONSENT_FORMS}))
CONSENT_TABS: tuple[ConsentTab, ...] = (FAST_ENTRY, SCANS, PER_GROUP, CAMPAIGN, PURPOSES)


def consent_tabs(context: AppContext) -> list[tuple[str, Callable[[AppContext], QWidget]]]:
    """(title, factory) of the consent tabs this user may use, in order."""
    return [(tab.title, tab.factory) for tab in CONSENT_TABS if tab.allowed(context.actor)]
