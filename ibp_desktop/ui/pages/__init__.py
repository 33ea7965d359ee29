"""The page registry: one line per area. Only pages that exist and the user's roles allow are shown.

A page is a QWidget built by its factory from the AppContext. It may define ``refresh()``; the main
window calls it each time the page is shown, so figures are never stale.
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
class PageSpec:
    key: str  # also the ``area`` that AttentionItems name, e.g. "beheer"
    title: str
    factory: Callable[[AppContext], QWidget]
    any_of: frozenset[Permission] = frozenset()  # empty: everyone who may log in

    def allowed(self, actor: Actor) -> bool:
        return not self.any_of or any(actor.can(p) for p in self.any_of)


def _overview(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.overview import OverviewPage

    return OverviewPage(context)


def _pupils(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.pupils.area import PupilsArea

    return PupilsArea(context)


def _incidents(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.incidents import incidents_page

    return incidents_page(context)


def _retention(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.retention import retention_page

    return retention_page(context)


def _requests(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.requests import requests_page

    return requests_page(context)


def _processors(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.processors import processors_page

    return processors_page(context)


def _processing(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability import open_processing_page

    return open_processing_page(context)


def _dpias(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability import open_dpia_page

    return open_dpia_page(context)


def _complaints(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability import open_complaints_page

    return open_complaints_page(context)


def _actions(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.actions import actions_page

    return actions_page(context)


def _documents(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.documents import documents_page

    return documents_page(context)


def _reports(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.reports import reports_page

    return reports_page(context)


def _admin(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.admin import AdminPage

    return AdminPage(context)


PAGES: list[PageSpec] = [
    PageSpec("overzicht", "Overzicht", _overview),
    PageSpec("leerlingen", "Leerlingen en toestemming", _pupils,
             frozenset({Permission.VIEW_PUPILS, Permission.IMPORT_PUPILS, Permission.RECORD_CONSENT})),
    PageSpec("incidenten", "Incidenten en datalekken", _incidents,
             frozenset({Permission.REPORT_INCIDENT, Permission.VIEW_INCIDENTS})),
    PageSpec("bewaartermijnen", "Bewaartermijnen", _retention, frozenset({Permission.VIEW_RETENTION})),
    PageSpec("verzoeken", "Verzoeken", _requests, frozenset({Permission.VIEW_REQUESTS})),
    PageSpec("verwerkers", "Verwerkers", _processors, frozenset({Permission.VIEW_PROCESSORS})),
    PageSpec("verwerkingen", "Verwerkingsregister", _processing, frozenset({Permission.VIEW_PROCESSING})),
    PageSpec("dpias", "DPIA's", _dpias, frozenset({Permission.VIEW_DPIAS})),
    PageSpec("klachten", "Klachten", _complaints, frozenset({Permission.VIEW_COMPLAINTS})),
    PageSpec("documenten", "Documenten", _documents, frozenset({Permission.VIEW_DASHBOARD})),  # calendar: all
    PageSpec("acties", "Plan van aanpak", _actions, frozenset({Permission.VIEW_REPORTS})),
    PageSpec("rapporten", "Rapporten", _reports,
             frozenset({Permission.VIEW_REPORTS, Permission.MANAGE_REQUESTS})),
    PageSpec("beheer", "Beheer", _admin, frozenset({Permission.MANAGE_USERS, Permission.MANAGE_SETTINGS})),
]


# The modules the pages and their tabs are built from, in the order of PAGES: imported in the background
# while the password is typed and after the main window opened (ui/preload.py), so that the first visit
# of a page (or a tab) only builds its widgets. The factories above import a package or an area; the
# tabs are imported when first shown, hence listed here too (tests/ui/test_preload.py checks that a
# visit of every page and tab imports nothing more of ibp_desktop.ui).
_P = "ibp_desktop.ui.pages."
PAGE_MODULES = tuple(_P + name for name in (
    "overview",
    "pupils.area", "consent.fast_entry", "consent.scan_tab", "consent.group_tab", "consent.campaign_tab",
    "consent.purposes_tab",
    "incidents", "incidents.page",
    "retention", "retention.area",
    "requests", "requests.page",
    "processors", "processors.page",
    "accountability", "accountability.processing_page", "accountability.dpia_page",
    "accountability.complaints_page",
    "documents", "documents.area", "documents.policy_tab", "documents.calendar_tab", "documents.access_tab",
    "documents.staff_tab",
    "actions", "actions.page",
    "reports", "reports.area", "reports.annual_tab", "reports.fg_tab", "reports.access_tab",
    "reports.registers_tab",
    "admin", "fg_contact_box", "consent_validity_box", "school_type_box", "backup_box", "schools_box",
))  # fmt: skip


def pages_for(actor: Actor) -> list[PageSpec]:
    return [spec for spec in PAGES if spec.allowed(actor)]
