"""What processing activities point to, by name: processors (and whether their agreement is signed),
retention categories with their term, consent purposes, and the DPIAs done for an activity.

Read-only: a school whose retention schedule or consent purposes are not stored yet gets the defaults'
names, the same ones its schedule will have on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.dpia import Decision, dpia_status
from ibp_desktop.services.consent.forms import default_purposes
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.retention.due import default_rules, rule_row, stored_rules
from ibp_desktop.store.consent_models import ConsentPurpose
from ibp_desktop.store.models import School
from ibp_desktop.store.processing_models import Dpia
from ibp_desktop.store.request_models import ProcessorAgreement, Supplier


@dataclass
class LinkNames:
    brin: str
    suppliers: dict[int, str] = field(default_factory=dict)
    with_agreement: set[int] = field(default_factory=set)
    retention: dict[str, str] = field(default_factory=dict)
    retention_terms: dict[str, str] = field(default_factory=dict)
    consent: dict[str, str] = field(default_factory=dict)
    dpias: dict[int, list[tuple[int, str, str, bool]]] = field(
        default_factory=dict
    )  # (id, nr, status, decided)


def link_names(session: Session, school_id: int, today: date | None = None) -> LinkNames:
    school = session.get(School, school_id)
    names = LinkNames(school.brin if school else "?")
    for supplier_id, name in session.execute(select(Supplier.id, Supplier.name)).all():
        names.suppliers[supplier_id] = name
    signed = select(ProcessorAgreement.supplier_id).where(ProcessorAgreement.signed_on.is_not(None))
    names.with_agreement = set(session.scalars(signed).all())
    stored = stored_rules(session, school_id)
    rules = [rule_row(r) for r in stored] if stored else list(default_rules())
    for rule in rules:
        names.retention[rule.category] = rule.label
        names.retention_terms[rule.category] = rule.term_text
    purposes = session.execute(
        select(ConsentPurpose.code, ConsentPurpose.label)
        .where(ConsentPurpose.school_id == school_id)
        .order_by(ConsentPurpose.sort_order)
    ).all()
    if purposes:
        names.consent = {code: label for code, label in purposes}
    else:
        names.consent = {code: label for code, label, _text in default_purposes()}
    day = today or today_here()
    query = (
        select(Dpia).where(Dpia.school_id == school_id, Dpia.activity_id.is_not(None)).order_by(Dpia.number)
    )
    for dpia in session.scalars(query).all():
        status = dpia_status(
            dpia.needed,
            dpia.advice_asked_on,
            dpia.advice_on,
            Decision(dpia.decision) if dpia.decision else None,
            dpia.review_on,
            day,
        )
        assert dpia.activity_id is not None
        names.dpias.setdefault(dpia.activity_id, []).append(
            (dpia.id, dpia.number, status.text, dpia.decision is not None)
        )
    return names
