"""Tables of the accountability registers: data-subject requests, processor agreements, the action register.

Suppliers and their agreements belong to the board (the board signs one agreement per supplier); a
product records which schools use it. Requests and actions belong to a school (an action may also be
board-wide: ``school_id`` empty). The FG's remarks on a request are append-only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime, utc_now


class SubjectRequest(Base):
    __tablename__ = "subject_requests"
    __table_args__ = (
        UniqueConstraint("school_id", "number", name="uq_subject_requests_school_number"),
        Index("ix_subject_requests_school_received", "school_id", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(30))
    received_on: Mapped[date] = mapped_column(Date)
    requester_name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(20))
    relation_note: Mapped[str] = mapped_column(String(200), default="")
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="SET NULL"))
    right: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    id_check: Mapped[str] = mapped_column(String(200))
    authority_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    authority_note: Mapped[str] = mapped_column(Text, default="")
    # The deadline in force (with the extension, if any), kept so the dashboard can filter in SQL.
    deadline_on: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_informed_on: Mapped[date | None] = mapped_column(Date)
    fg_consulted: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_reasons: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handled_by_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    remarks: Mapped[list[RequestRemark]] = relationship(
        cascade="all, delete-orphan", order_by="RequestRemark.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class RequestRemark(Base):
    """A remark of the FG (advice) on a request; never changed or removed by the services."""

    __tablename__ = "subject_request_remarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subject_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    covenant_participant: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    products: Mapped[list[Product]] = relationship(
        cascade="all, delete-orphan", order_by="Product.name", lazy="selectin"
    )
    agreement: Mapped[ProcessorAgreement | None] = relationship(
        cascade="all, delete-orphan", lazy="selectin", uselist=False
    )

    __mapper_args__ = {"version_id_col": version}


class Product(Base):
    __tablename__ = "supplier_products"
    __table_args__ = (UniqueConstraint("supplier_id", "name", name="uq_supplier_products_supplier_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    schools: Mapped[list[ProductSchool]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ProductSchool(Base):
    __tablename__ = "product_schools"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("supplier_products.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True)


class ProcessorAgreement(Base):
    __tablename__ = "processor_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"), unique=True)
    model_version: Mapped[str] = mapped_column(String(10))
    signed_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    bijsluiter_version: Mapped[str] = mapped_column(String(60), default="")
    sub_processors: Mapped[str] = mapped_column(Text, default="")
    data_in_eu: Mapped[str] = mapped_column(String(10), default="unknown")
    data_categories: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Action(Base):
    """One line of the plan van aanpak."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_role: Mapped[str] = mapped_column(String(30))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(30))
    source_reference: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by_name: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by_name: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
