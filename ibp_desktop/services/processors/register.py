"""Processor agreements (verwerkersovereenkomsten): suppliers, their products and one agreement per supplier.

The director and the security officer change them (MANAGE_PROCESSORS); every staff role may read them
(VIEW_PROCESSORS). Suppliers belong to the board; a product says which schools use it, and a user may
only link products to schools they work for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.processors import EuStorage, ModelVersion, agreement_status, check_dates
from ibp_desktop.core.register_records import (
    AgreementInput,
    AgreementView,
    ProcessorRegister,
    ProcessorReminder,
    ProductRow,
    SupplierInput,
    SupplierRow,
    count_suppliers,
)
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.evidence import delete_evidence
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import matching, school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.models import School
from ibp_desktop.store.request_models import ProcessorAgreement, Product, ProductSchool, Supplier
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft deze leverancier of overeenkomst net gewijzigd. Uw wijziging is niet opgeslagen. "
    "Open de leverancier opnieuw en voer uw wijziging nog eens in."
)

__all__ = ["AgreementInput", "ProcessorService", "SupplierInput", "SupplierRow"]


class ProcessorService(Service):
    # --- reading -----------------------------------------------------------------------------------

    def list_suppliers(
        self, school_id: int | None = None, text: str = "", today: date | None = None
    ) -> list[SupplierRow]:
        """Suppliers by name. With ``school_id``: only those with a product that school uses."""
        with self._work(Permission.VIEW_PROCESSORS, school_id=school_id) as work:
            schools = None if school_id is None else [school_id]
            return matching(supplier_rows(work.session, today or today_here(), schools), text, _searchable)

    def detail(self, supplier_id: int, today: date | None = None) -> SupplierRow:
        with self._work(Permission.VIEW_PROCESSORS) as work:
            return to_row(work.session, _get(work, supplier_id), today or today_here())

    def reminders(self, today: date, school_id: int | None = None) -> list[ProcessorReminder]:
        """Agreements that end or need review within 60 days, and suppliers whose products have none."""
        with self._work(Permission.VIEW_PROCESSORS, school_id=school_id) as work:
            return reminders(work.session, today, school_scope(work, school_id))

    def register(self, school_id: int | None = None, today: date | None = None) -> ProcessorRegister:
        """Every supplier (of one school, or all), with the counts the annual report uses."""
        day = today or today_here()
        with self._work(Permission.VIEW_PROCESSORS, school_id=school_id) as work:
            rows = tuple(supplier_rows(work.session, day, None if school_id is None else [school_id]))
            schools = school_scope(work, school_id)
            return ProcessorRegister(board_scope(work.session, schools), day, rows, count_suppliers(rows))

    def register_pdf(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.processor_register import render_processor_register_pdf

        return render_processor_register_pdf(self.register(school_id, today), utc_now())

    def register_csv(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.processor_register import render_processor_register_csv

        return render_processor_register_csv(self.register(school_id, today))

    # --- suppliers -------------------------------------------------------------------------------------

    # The edits return the supplier with its status on ``today``: the program passes the day its page
    # shows; the command line leaves it to the real day.

    def add_supplier(self, facts: SupplierInput, today: date | None = None) -> SupplierRow:
        name = _name(facts.name, "de leverancier")
        with self._work(Permission.MANAGE_PROCESSORS) as work:
            _unique_supplier(work.session, name, None)
            supplier = Supplier(name=name, covenant_participant=facts.covenant_participant, notes=facts.notes)
            work.session.add(supplier)
            self._log(work, "supplier_added", supplier)
            return to_row(work.session, supplier, today or today_here())

    def update_supplier(
        self, supplier_id: int, version: int, facts: SupplierInput, today: date | None = None
    ) -> SupplierRow:
        name = _name(facts.name, "de leverancier")
        with self._edit(supplier_id, version) as (work, supplier):
            _unique_supplier(work.session, name, supplier.id)
            supplier.name = name
            supplier.covenant_participant = facts.covenant_participant
            supplier.notes = facts.notes.strip()
            self._log(work, "supplier_changed", supplier)
            return to_row(work.session, supplier, today or today_here())

    def delete_supplier(self, supplier_id: int, version: int) -> None:
        """Remove a supplier the school no longer uses, with its products and agreement."""
        with self._edit(supplier_id, version) as (work, supplier):
            for product in supplier.products:
                _check_schools(work, frozenset(s.school_id for s in product.schools))
            work.audit("supplier_removed", "supplier", supplier.id, before=audit_view(supplier))
            delete_evidence(work.session, "agreement", [supplier.id])  # the signed agreement goes with it
            work.session.delete(supplier)

    # --- products ---------------------------------------------------------------------------------------

    def add_product(
        self, supplier_id: int, name: str, school_ids: frozenset[int], today: date | None = None
    ) -> SupplierRow:
        clean = _name(name, "het product")
        with self._work(Permission.MANAGE_PROCESSORS) as work:
            supplier = _get(work, supplier_id)
            if any(p.name.casefold() == clean.casefold() for p in supplier.products):
                raise BadInputError(f"{supplier.name} heeft al een product '{clean}'.")
            _check_schools(work, school_ids)
            product = Product(name=clean, schools=[ProductSchool(school_id=s) for s in sorted(school_ids)])
            supplier.products.append(product)
            self._log(work, "product_added", supplier)
            return to_row(work.session, supplier, today or today_here())

    def update_product(
        self, product_id: int, name: str, school_ids: frozenset[int], today: date | None = None
    ) -> SupplierRow:
        """Rename a product or change which schools use it (schools the user does not work for stay)."""
        clean = _name(name, "het product")
        with self._work(Permission.MANAGE_PROCESSORS) as work:
            product = _product(work, product_id)
            _check_schools(work, school_ids)
            kept = {s.school_id for s in product.schools if s.school_id not in work.actor.school_ids}
            product.name = clean
            product.schools = [ProductSchool(school_id=s) for s in sorted(kept | set(school_ids))]
            supplier = _get(work, product.supplier_id)
            self._log(work, "product_changed", supplier)
            return to_row(work.session, supplier, today or today_here())

    def delete_product(self, product_id: int, today: date | None = None) -> SupplierRow:
        with self._work(Permission.MANAGE_PROCESSORS) as work:
            product = _product(work, product_id)
            supplier = _get(work, product.supplier_id)
            supplier.products.remove(product)
            self._log(work, "product_removed", supplier)
            return to_row(work.session, supplier, today or today_here())

    # --- the agreement -------------------------------------------------------------------------------------

    def save_agreement(
        self,
        supplier_id: int,
        terms: AgreementInput,
        agreement_version: int | None = None,
        today: date | None = None,
    ) -> SupplierRow:
        """Record or change the supplier's agreement. ``agreement_version``: ``row.agreement.version`` as
        read, or None when the supplier had no agreement yet."""
        check_dates(terms.signed_on, terms.ends_on)
        with self._agreement_edit(supplier_id, agreement_version) as (work, supplier):
            agreement = supplier.agreement
            if agreement is None:
                agreement = ProcessorAgreement()
                supplier.agreement = agreement
            _apply_terms(agreement, terms)
            self._log(work, "agreement_saved", supplier)
            return to_row(work.session, supplier, today or today_here())

    def delete_agreement(
        self, supplier_id: int, agreement_version: int, today: date | None = None
    ) -> SupplierRow:
        with self._agreement_edit(supplier_id, agreement_version) as (work, supplier):
            supplier.agreement = None
            delete_evidence(work.session, "agreement", [supplier.id])
            self._log(work, "agreement_removed", supplier)
            return to_row(work.session, supplier, today or today_here())

    # --- helpers ---------------------------------------------------------------------------------------

    def _edit(self, supplier_id: int, version: int) -> AbstractContextManager[tuple[Work, Supplier]]:
        work_in = self._work(Permission.MANAGE_PROCESSORS)
        return versioned_edit(work_in, lambda work: _get(work, supplier_id), version, STALE)

    @contextmanager
    def _agreement_edit(
        self, supplier_id: int, agreement_version: int | None
    ) -> Iterator[tuple[Work, Supplier]]:
        try:
            with self._work(Permission.MANAGE_PROCESSORS) as work:
                supplier = _get(work, supplier_id)
                current = supplier.agreement.version if supplier.agreement else None
                if current != agreement_version:
                    raise StaleEditError(STALE)
                yield work, supplier
                work.session.flush()
        except (StaleDataError, IntegrityError) as error:
            # Two PCs saving the same agreement, or both adding the first one for this supplier.
            raise StaleEditError(STALE) from error

    @staticmethod
    def _log(work: Work, action: str, supplier: Supplier) -> None:
        work.session.flush()
        work.audit(action, "supplier", supplier.id, after=audit_view(supplier))


def audit_view(supplier: Supplier) -> dict[str, Any]:
    agreement = supplier.agreement
    return {
        "name": supplier.name,  # a company name, no personal data
        "covenant": supplier.covenant_participant,
        "products": [p.name for p in supplier.products],
        "model": agreement.model_version if agreement else None,
        "signed_on": _iso(agreement.signed_on) if agreement else None,
        "ends_on": _iso(agreement.ends_on) if agreement else None,
        "review_on": _iso(agreement.review_on) if agreement else None,
    }


def supplier_rows(session: Session, today: date, school_ids: list[int] | None) -> list[SupplierRow]:
    """Every supplier (``school_ids=None``), or those with a product one of these schools uses."""
    query = select(Supplier).order_by(func.lower(Supplier.name))
    if school_ids is not None:
        used = (
            select(Product.supplier_id)
            .join(ProductSchool, ProductSchool.product_id == Product.id)
            .where(ProductSchool.school_id.in_(school_ids))
        )
        query = query.where(Supplier.id.in_(used))
    brins = {i: b for i, b in session.execute(select(School.id, School.brin)).all()}
    return [to_row(session, s, today, brins) for s in session.scalars(query).all()]


def to_row(
    session: Session, supplier: Supplier, today: date, brins: dict[int, str] | None = None
) -> SupplierRow:
    session.flush()
    if brins is None:
        brins = {i: b for i, b in session.execute(select(School.id, School.brin)).all()}
    products = tuple(
        ProductRow(
            p.id,
            supplier.id,
            p.name,
            tuple(sorted(s.school_id for s in p.schools)),
            tuple(sorted(brins.get(s.school_id, "?") for s in p.schools)),
        )
        for p in sorted(supplier.products, key=lambda p: p.name.casefold())
    )
    agreement = supplier.agreement
    view = AgreementView(agreement.id, agreement.version, _terms(agreement)) if agreement else None
    status = agreement_status(
        agreement is not None,
        agreement.signed_on if agreement else None,
        agreement.ends_on if agreement else None,
        agreement.review_on if agreement else None,
        today,
        ModelVersion(agreement.model_version) if agreement else None,
    )
    return SupplierRow(
        supplier.id,
        supplier.version,
        supplier.name,
        supplier.covenant_participant,
        supplier.notes,
        products,
        view,
        status,
    )


def reminders(session: Session, today: date, school_ids: list[int]) -> list[ProcessorReminder]:
    """Only suppliers in use at these schools: one without products has nothing to sign or renew."""
    found = []
    for row in supplier_rows(session, today, school_ids):
        if not row.status.needs_attention:
            continue
        if row.agreement is None:
            names = ", ".join(p.name for p in row.products)
            text = f"{row.name}: geen verwerkersovereenkomst voor {names}."
        else:
            text = f"Verwerkersovereenkomst {row.name}: {row.status_text.lower()}."
        found.append(ProcessorReminder(row.id, row.name, text, row.level))
    return sorted(found, key=lambda r: (r.level is not Level.RED, r.supplier_name.casefold()))


def processor_attention(session: Session, school_ids: frozenset[int], today: date) -> list[tuple[str, Level]]:
    return [(r.text, r.level) for r in reminders(session, today, sorted(school_ids))]


def _terms(agreement: ProcessorAgreement) -> AgreementInput:
    return AgreementInput(
        model_version=ModelVersion(agreement.model_version),
        signed_on=agreement.signed_on,
        ends_on=agreement.ends_on,
        bijsluiter_version=agreement.bijsluiter_version,
        sub_processors=agreement.sub_processors,
        data_in_eu=EuStorage(agreement.data_in_eu),
        data_categories=agreement.data_categories,
        review_on=agreement.review_on,
    )


def _apply_terms(agreement: ProcessorAgreement, terms: AgreementInput) -> None:
    agreement.model_version = terms.model_version.value
    agreement.signed_on = terms.signed_on
    agreement.ends_on = terms.ends_on
    agreement.bijsluiter_version = terms.bijsluiter_version.strip()
    agreement.sub_processors = terms.sub_processors.strip()
    agreement.data_in_eu = terms.data_in_eu.value
    agreement.data_categories = terms.data_categories.strip()
    agreement.review_on = terms.review_on


def _searchable(row: SupplierRow) -> str:
    return " ".join((row.name, *(p.name for p in row.products), row.status_text, row.model_label))


def _name(text: str, what: str) -> str:
    clean = " ".join(text.split())
    if not clean:
        raise BadInputError(f"Vul de naam van {what} in.")
    return clean


def _unique_supplier(session: Session, name: str, own_id: int | None) -> None:
    query = select(Supplier.id).where(func.lower(Supplier.name) == name.lower())
    if own_id is not None:
        query = query.where(Supplier.id != own_id)
    if session.scalar(query) is not None:
        raise BadInputError(f"Leverancier '{name}' staat er al in. Open die leverancier en pas hem daar aan.")


def _check_schools(work: Work, school_ids: frozenset[int]) -> None:
    for school_id in school_ids:
        work.require_school(school_id)


def _get(work: Work, supplier_id: int) -> Supplier:
    supplier = work.session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFoundError("Deze leverancier bestaat niet (meer).")
    return supplier


def _product(work: Work, product_id: int) -> Product:
    product = work.session.get(Product, product_id)
    if product is None:
        raise NotFoundError("Dit product bestaat niet (meer).")
    return product


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
