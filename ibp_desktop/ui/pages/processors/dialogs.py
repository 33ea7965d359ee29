"""Dialogs for a supplier, one of its products and its processor agreement (verwerkersovereenkomst)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from ibp_desktop.core.processors import (
    EU_LABELS,
    MODEL_LABELS,
    EuStorage,
    ModelVersion,
    default_ends_on,
    default_model,
    default_review_on,
)
from ibp_desktop.core.register_records import AgreementInput, ProductRow, SupplierInput, SupplierRow
from ibp_desktop.services.processors.register import ProcessorService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.fields import OptionalDate, RadioChoice, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog

COVENANT_HINT = ("Het Privacyconvenant Onderwijs is een afspraak tussen scholen en leveranciers. Deelnemers "
                 "gebruiken de model-verwerkersovereenkomst en geven per product een privacybijsluiter.")


def _service(context: AppContext) -> ProcessorService:
    return ProcessorService(context.database, context.actor)


def default_schools(context: AppContext) -> frozenset[int]:
    """The schools a new product is used at: the chosen school, or every school of the user."""
    if context.school_id is not None:
        return frozenset({context.school_id})
    return frozenset(s.id for s in context.schools)


class SupplierDialog(RecordDialog):
    area = ops.PROCESSORS

    def __init__(self, context: AppContext, row: SupplierRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Leverancier toevoegen" if row is None else f"Leverancier {row.name} wijzigen",
            "Een leverancier die persoonsgegevens van de school verwerkt, bijvoorbeeld van een "
            "leerlingvolgsysteem of lesmethode. Daarna legt u de verwerkersovereenkomst vast.",
            "Toevoegen" if row is None else "Opslaan", parent,
        )
        self.context, self.row = context, row
        self.name = QLineEdit(row.name if row else "")
        self.name.setPlaceholderText("Bijvoorbeeld: Topicus")
        self.form.addRow("Naam leverancier:", self.name)
        self.covenant = QCheckBox("Deelnemer van het privacyconvenant")
        self.covenant.setChecked(row.covenant_participant if row else False)
        self.form.addRow("Convenant:", self.covenant)
        self.form.addRow(label(COVENANT_HINT, "muted"))
        self.product = QLineEdit()
        if row is None:
            self.product.setPlaceholderText("Bijvoorbeeld: ParnasSys (meer producten kunnen later)")
            self.form.addRow("Eerste product:", self.product)
        self.notes = text_box(row.notes if row else "", lines=3)
        self.form.addRow("Aantekeningen:", self.notes)

    def submit(self) -> None:
        facts = SupplierInput(self.name.text(), self.covenant.isChecked(), self.notes.toPlainText())
        service, today = _service(self.context), self.context.today()  # the saved row's status: that day
        if self.row is not None:
            supplier_id, version = self.row.id, self.row.version
            self.save(lambda: service.update_supplier(supplier_id, version, facts, today))
            return
        product, schools = self.product.text().strip(), default_schools(self.context)

        def add() -> SupplierRow:
            row = service.add_supplier(facts, today)
            return service.add_product(row.id, product, schools, today) if product else row

        self.save(add)


class ProductDialog(RecordDialog):
    area = ops.PROCESSORS

    def __init__(self, context: AppContext, supplier: SupplierRow, product: ProductRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Product toevoegen" if product is None else f"Product {product.name} wijzigen",
            f"Een product of dienst van {supplier.name} en de scholen die het gebruiken.",
            "Toevoegen" if product is None else "Opslaan", parent,
        )
        self.context, self.supplier, self.product = context, supplier, product
        self.name = QLineEdit(product.name if product else "")
        self.form.addRow("Naam product:", self.name)
        chosen = set(product.school_ids) if product else set(default_schools(context))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.schools: dict[int, QCheckBox] = {}
        for school in context.schools:
            check = QCheckBox(school.label)
            check.setChecked(school.id in chosen)
            column.addWidget(check)
            self.schools[school.id] = check
        self.form.addRow("Gebruikt door:", box)

    def submit(self) -> None:
        name = self.name.text()
        schools = frozenset(i for i, check in self.schools.items() if check.isChecked())
        if not schools:
            self.show_error("Kies minstens één school die het product gebruikt.")
            return
        service, today = _service(self.context), self.context.today()
        if self.product is None:
            supplier_id = self.supplier.id
            self.save(lambda: service.add_product(supplier_id, name, schools, today))
        else:
            product_id = self.product.id
            self.save(lambda: service.update_product(product_id, name, schools, today))


class AgreementDialog(RecordDialog):
    area = ops.PROCESSORS

    def __init__(self, context: AppContext, supplier: SupplierRow, parent: QWidget | None = None) -> None:
        view = supplier.agreement
        super().__init__(
            f"Verwerkersovereenkomst {supplier.name}",
            "De afspraken met de leverancier over wat hij met de gegevens van de school mag doen. Vul in wat "
            "in de getekende overeenkomst en de privacybijsluiter staat.",
            "Opslaan", parent, width=620,
        )
        self.context, self.supplier = context, supplier
        today = context.today()
        terms = view.terms if view else AgreementInput(
            default_model(supplier.covenant_participant), signed_on=today, review_on=default_review_on(today))
        self.model = RadioChoice([(MODEL_LABELS[m], m) for m in (ModelVersion.V4, ModelVersion.V3,
                                                                   ModelVersion.OWN)], terms.model_version)
        self.form.addRow("Model:", self.model)
        self.signed = OptionalDate("Getekend op", terms.signed_on, default=today)
        self.form.addRow("Ondertekend:", self.signed)
        self.ends = OptionalDate("Loopt af op", terms.ends_on, default=default_ends_on(today))
        self.form.addRow("Einddatum:", self.ends)
        self.bijsluiter = QLineEdit(terms.bijsluiter_version)
        self.bijsluiter.setPlaceholderText("Bijvoorbeeld: 4.1")
        self.form.addRow("Versie privacybijsluiter:", self.bijsluiter)
        self.sub = text_box(terms.sub_processors, lines=2,
                            placeholder="Andere bedrijven die de leverancier inschakelt, zoals hosting")
        self.form.addRow("Subverwerkers:", self.sub)
        self.eu = RadioChoice([(EU_LABELS[e], e) for e in EuStorage], terms.data_in_eu)
        self.form.addRow("Gegevens in de EU:", self.eu)
        self.categories = text_box(terms.data_categories, lines=2,
                                   placeholder="Bijvoorbeeld: naam, groep, resultaten")
        self.form.addRow("Soorten gegevens:", self.categories)
        self.review = OptionalDate("Herbeoordelen op", terms.review_on, default=default_review_on(today))
        self.form.addRow("Volgende controle:", self.review)

    def terms(self) -> AgreementInput:
        return AgreementInput(
            model_version=ModelVersion(self.model.value()),
            signed_on=self.signed.value(),
            ends_on=self.ends.value(),
            bijsluiter_version=self.bijsluiter.text(),
            sub_processors=self.sub.toPlainText(),
            data_in_eu=EuStorage(self.eu.value()),
            data_categories=self.categories.toPlainText(),
            review_on=self.review.value(),
        )

    def submit(self) -> None:
        terms, service, today = self.terms(), _service(self.context), self.context.today()
        supplier_id = self.supplier.id
        version = self.supplier.agreement.version if self.supplier.agreement else None
        self.save(lambda: service.save_agreement(supplier_id, terms, version, today))


