"""Verwerkers: suppliers with their products and the state of their processor agreement in words and
colour ("In orde", "Verloopt over 40 dagen", "Geen overeenkomst"); the director and the security officer
keep them up to date, everyone else reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton

from ibp_desktop.core.register_records import ProductRow, SupplierRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.processors.register import ProcessorService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask
from ibp_desktop.ui.pages.processors.detail import product_text, status_sentence, supplier_html
from ibp_desktop.ui.pages.processors.dialogs import AgreementDialog, ProductDialog, SupplierDialog
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.evidence_box import EvidenceBox
from ibp_desktop.ui.widgets.fields import day_text
from ibp_desktop.ui.widgets.register_page import RegisterPage, button_group
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Verwerkers en verwerkersovereenkomsten"
INTRO = ("Een verwerker is een leverancier die gegevens van de school verwerkt, zoals een "
         "leerlingvolgsysteem. Met elke verwerker sluit de school een verwerkersovereenkomst: afspraken "
         "over wat hij met de gegevens mag doen.")
CHOOSE = "Kies een leverancier in de lijst om de producten en de overeenkomst te zien."
ATTENTION, IN_ORDER, NONE = "attention", "in_order", "none"
_STATUS_TESTS: dict[str, Callable[[SupplierRow], bool]] = {
    ATTENTION: lambda r: r.status.needs_attention,
    IN_ORDER: lambda r: not r.status.needs_attention,
    NONE: lambda r: r.agreement is None,
}
COLUMN_SAMPLES = {"Leverancier": "Fotostudio Zonnestr", "Producten": "ParnasSys, Parro",
                  "Model": "Eigen model leverancier", "Einddatum": "00-00-2026",
                  "Herbeoordelen": "00-00-2026", "Status": "Herbeoordelen over 30 dagen"}


def _columns() -> list[Column[SupplierRow]]:
    def products(row: SupplierRow) -> str:
        return ", ".join(p.name for p in row.products) or "Geen producten"

    def terms_day(row: SupplierRow, field: str) -> Any:
        return getattr(row.agreement.terms, field) if row.agreement else None

    return [
        Column("Leverancier", lambda r: r.name, tooltip=lambda r: r.name),
        Column("Status", lambda r: r.status_text, sort_key=lambda r: (not r.status.needs_attention, r.name),
               level=lambda r: LEVEL_NAMES[r.level]),
        Column("Producten", products, tooltip=products),
        Column("Model", lambda r: r.model_label),
        Column("Einddatum", lambda r: day_text(terms_day(r, "ends_on")),
               sort_key=lambda r: (terms_day(r, "ends_on") is None, str(terms_day(r, "ends_on")))),
        Column("Herbeoordelen", lambda r: day_text(terms_day(r, "review_on")),
               sort_key=lambda r: (terms_day(r, "review_on") is None, str(terms_day(r, "review_on")))),
    ]


class ProcessorsPage(RegisterPage[SupplierRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE, INTRO, _columns(),
            search_hint="Zoeken op leverancier of product",
            empty_text="Nog geen leveranciers in het register. Voeg de leveranciers toe van de programma's "
                       "en lesmethodes die de school gebruikt.",
            search_text=lambda r: " ".join((r.name, *(p.name for p in r.products), r.status_text,
                                             r.model_label)),
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_PROCESSORS)
        self.current: SupplierRow | None = None
        self.status_filter = self.add_filter("Status:", [
            ("Alle leveranciers", None), ("Vraagt aandacht", ATTENTION), ("In orde", IN_ORDER),
            ("Geen overeenkomst", NONE)], lambda r, wanted: _STATUS_TESTS[str(wanted)](r))
        self.new_button: QPushButton | None = None
        if self.can_manage:
            self.new_button = self.add_new_action("Leverancier toevoegen", self.open_new)
        self.documents = DocumentActions.for_school(self, context, "Register van verwerkersovereenkomsten",
                                                    "verwerkersregister", self.service)
        self._build_detail()
        self.size_columns(COLUMN_SAMPLES)
        self.splitter.setSizes([680, 440])
        self.table.doubleClicked.connect(lambda _i: self.open_agreement())
        self.load_and_follow(context, (ops.PROCESSORS,))  # reload when the data changed, not on every visit

    def _build_detail(self) -> None:
        wanted: list[tuple[str, Callable[[], None]]] = [
            ("Overeenkomst vastleggen…", self.open_agreement),
            ("Leverancier wijzigen…", self.open_edit),
            ("Overeenkomst verwijderen…", self.delete_agreement),
            ("Leverancier verwijderen…", self.delete_supplier),
        ]
        self.row_buttons = self.add_row_buttons(wanted if self.can_manage else [], per_row=2)
        self.pane = DetailView("Status overeenkomst")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 3)
        self.products_title = label("Producten en scholen", "sectionTitle")
        self.detail_layout.addWidget(self.products_title)
        self.products = QListWidget()
        self.products.setAccessibleName("Producten en scholen")
        self.products.setMaximumHeight(self.products.fontMetrics().lineSpacing() * 4 + 12)
        self.detail_layout.addWidget(self.products, 1)
        self.evidence = EvidenceBox(self.context, "agreement", self.can_manage)  # the signed agreement
        self.product_buttons: dict[str, QPushButton] = {}
        if self.can_manage:
            row, self.product_buttons = button_group([("Product toevoegen…", self.open_new_product),
                                                      ("Product wijzigen…", self.open_edit_product),
                                                      ("Product verwijderen…", self.delete_product)])
            self.detail_layout.addLayout(row)
            self.products.currentRowChanged.connect(lambda _r: self._update_buttons())
            self.products.itemDoubleClicked.connect(lambda _i: self.open_edit_product())
        self.detail_layout.addWidget(self.evidence)

    def service(self) -> ProcessorService:
        return ProcessorService(self.context.database, self.context.actor)

    def load_rows(self) -> list[SupplierRow]:
        rows = self.service().list_suppliers(today=self.context.today())
        school_id = self.context.school_id
        if school_id is None or len(self.context.schools) <= 1:
            return rows
        # Suppliers belong to the board: show those the chosen school uses, and new ones without products.
        return [r for r in rows if not r.products or any(school_id in p.school_ids for p in r.products)]

    def row_selected(self, row: SupplierRow | None) -> None:
        self.current = row
        self.products.clear()
        if row is None:
            self.pane.clear(CHOOSE)
        else:
            self.pane.show_record(row.id, row.name, status_sentence(row), LEVEL_NAMES[row.level],
                                  supplier_html(row))
            for product in row.products:
                item = QListWidgetItem(product_text(product))
                item.setData(Qt.ItemDataRole.UserRole, product.id)
                self.products.addItem(item)
            if not row.products:
                self.products.addItem("Nog geen producten vastgelegd.")
        self.evidence.show_owner(row.id if row is not None else None)
        self._update_buttons()

    def selected_product(self) -> ProductRow | None:
        item = self.products.currentItem()
        if self.current is None or item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self.current.products if p.id == wanted), None)

    def _update_buttons(self) -> None:
        row = self.current
        agreement = row is not None and row.agreement is not None
        for text, button in self.row_buttons.items():
            button.setEnabled(row is not None and (agreement or text != "Overeenkomst verwijderen…"))
        if "Overeenkomst vastleggen…" in self.row_buttons:
            self.row_buttons["Overeenkomst vastleggen…"].setText(
                "Overeenkomst wijzigen…" if agreement else "Overeenkomst vastleggen…")
        has_product = self.selected_product() is not None
        for text, button in self.product_buttons.items():
            button.setEnabled(row is not None and (has_product or text == "Product toevoegen…"))

    # Dialogs ------------------------------------------------------------------------------------

    def open_new(self) -> None:
        if self.can_manage:
            self.open_record_dialog(SupplierDialog(self.context, None, self))

    def open_edit(self) -> None:
        self.open_dialog_for(self.can_manage, self.current, lambda r: SupplierDialog(self.context, r, self))

    def open_agreement(self) -> None:
        self.open_dialog_for(self.can_manage, self.current, lambda r: AgreementDialog(self.context, r, self))

    def open_new_product(self) -> None:
        self.open_dialog_for(self.can_manage, self.current,
                             lambda supplier: ProductDialog(self.context, supplier, None, self))

    def open_edit_product(self) -> None:
        product = self.selected_product()
        if self.can_manage and self.current is not None and product is not None:
            self.open_record_dialog(ProductDialog(self.context, self.current, product, self))

    # Deleting: ask once, say exactly what happens --------------------------------------------------

    def _delete(self, question: str, confirm: str, work: Callable[[ProcessorService], Any]) -> None:
        if not ask(self, "Verwijderen", question, confirm):
            return
        service = self.service()
        ops.mutate(self, ops.PROCESSORS, lambda: work(service), lambda _r: self.reload(),
                   on_refused=self.change_refused, group=self.pane, what="processor delete")

    def delete_supplier(self) -> None:
        row = self.current
        if not self.can_manage or row is None:
            return
        products = ", ".join(p.name for p in row.products)
        what = f"de producten ({products})" if products else "de gegevens"
        agreement = " en de vastgelegde verwerkersovereenkomst" if row.agreement else ""
        self._delete(
            f"{row.name} uit het register halen? Daarmee verdwijnen ook {what}{agreement}. Doe dit alleen "
            "als de school deze leverancier niet meer gebruikt. Dit kan niet ongedaan worden gemaakt.",
            "Leverancier verwijderen", lambda s: s.delete_supplier(row.id, row.version))

    def delete_agreement(self) -> None:
        row = self.current
        if not self.can_manage or row is None or row.agreement is None:
            return
        version = row.agreement.version
        self._delete(
            f"De vastgelegde verwerkersovereenkomst met {row.name} verwijderen? De gegevens van de "
            "overeenkomst (model, data, bijsluiter, subverwerkers) verdwijnen uit het register en de "
            "leverancier krijgt de status 'Geen overeenkomst'. De leverancier en de producten blijven.",
            "Overeenkomst verwijderen", lambda s: s.delete_agreement(row.id, version))

    def delete_product(self) -> None:
        row, product = self.current, self.selected_product()
        if not self.can_manage or row is None or product is None:
            return
        self._delete(
            f"Product {product.name} van {row.name} uit het register halen? De leverancier en de "
            "overeenkomst blijven staan.",
            "Product verwijderen", lambda s: s.delete_product(product.id))
