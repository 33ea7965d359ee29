"""The periodic access review (e.g. twice a year): the security officer (MANAGE_USERS) confirms or
corrects every access of a school; the finished review is a PDF for the FG.

Starting a review copies every active access into lines (also those of staff who have left but still
have access: exactly what a review must catch). A decision on a line changes the register at once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.policy.access_records import ReviewLineRow, ReviewOutcome, ReviewRow, review_due
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.access.rights import STALE
from ibp_desktop.services.access.rows import active_grants
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.policy_models import AccessGrant, AccessReview, AccessReviewLine
from ibp_desktop.store.types import utc_now

__all__ = ["AccessReviewService", "ReviewOutcome"]


class AccessReviewService(Service):
    def reviews(self, school_id: int) -> list[ReviewRow]:
        """Newest first."""
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            query = (
                select(AccessReview)
                .where(AccessReview.school_id == school_id)
                .order_by(AccessReview.id.desc())
            )
            return [review_row(work.session, r) for r in work.session.scalars(query)]

    def review(self, review_id: int) -> ReviewRow:
        with self._work(Permission.VIEW_REPORTS) as work:
            return review_row(work.session, _review(work, review_id))

    def is_due(self, school_id: int, today: date | None = None) -> bool:
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            return review_due(last_finished(work.session, school_id), today or today_here())

    def start(self, school_id: int, on: date | None = None) -> ReviewRow:
        with self._work(Permission.MANAGE_USERS, school_id=school_id) as work:
            if _open_review(work.session, school_id) is not None:
                raise BadInputError("Er loopt al een controle van de toegangsrechten. Rond die eerst af.")
            review = AccessReview(
                school_id=school_id,
                started_on=on or today_here(),
                started_by_name=work.actor.full_name,
                lines=[
                    AccessReviewLine(
                        grant_id=g.id,
                        system_name=g.system.name,
                        person_name=g.person.name,
                        person_function=_function(g),
                        level=g.level,
                    )
                    for g in active_grants(work.session, school_id)
                ],
            )
            work.session.add(review)
            work.session.flush()
            work.audit(
                "access_review_started",
                "access_review",
                review.id,
                after={"lines": len(review.lines)},
                school_id=school_id,
            )
            return review_row(work.session, review)

    def decide(self, line_id: int, outcome: ReviewOutcome, new_level: str = "", note: str = "") -> ReviewRow:
        """Confirm, change (with the new level) or revoke one access; the register follows at once."""
        with self._work(Permission.MANAGE_USERS) as work:
            line = work.session.get(AccessReviewLine, line_id)
            if line is None:
                raise NotFoundError("Deze regel van de controle bestaat niet (meer).")
            review = _review(work, line.review_id)
            if review.finished_on is not None:
                raise BadInputError("Deze controle is al afgerond. Begin een nieuwe controle.")
            if line.outcome is not None:
                raise BadInputError(f"{line.system_name} van {line.person_name} is al gecontroleerd.")
            if outcome is ReviewOutcome.CHANGED and not new_level.strip():
                raise BadInputError("Vul het nieuwe toegangsniveau in.")
            line.outcome, line.new_level, line.note = outcome.value, new_level.strip(), note.strip()
            line.decided_at, line.decided_by_name = utc_now(), work.actor.full_name
            _apply(work.session, line, outcome)
            _flush(work)
            work.audit(
                "access_review_decided",
                "access_review",
                review.id,
                after={"line": line.id, "grant": line.grant_id, "outcome": outcome.value},
                school_id=review.school_id,
            )
            return review_row(work.session, review)

    def finish(self, review_id: int, version: int, note: str = "", on: date | None = None) -> ReviewRow:
        with self._work(Permission.MANAGE_USERS) as work:
            review = _review(work, review_id)
            if review.version != version:
                raise StaleEditError(STALE)
            if review.finished_on is not None:
                raise BadInputError("Deze controle is al afgerond.")
            waiting = sum(1 for line in review.lines if line.outcome is None)
            if waiting:
                raise BadInputError(
                    f"Nog {waiting} toegang(en) niet gecontroleerd. Kies bij elke regel 'Klopt', 'Aanpassen' "
                    "of 'Intrekken' en rond daarna af."
                )
            review.finished_on, review.finished_by_name = on or today_here(), work.actor.full_name
            review.note = note.strip()
            _flush(work)
            work.audit("access_review_finished", "access_review", review.id, school_id=review.school_id)
            return review_row(work.session, review)

    def review_pdf(self, review_id: int) -> bytes:
        from ibp_desktop.reports.access_review import render_access_review_pdf

        return render_access_review_pdf(self.review(review_id), utc_now())


def review_row(session: Session, review: AccessReview) -> ReviewRow:
    lines = tuple(
        ReviewLineRow(
            line.id,
            line.system_name,
            line.person_name,
            line.person_function,
            line.level,
            ReviewOutcome(line.outcome) if line.outcome else None,
            line.new_level,
            line.note,
            line.decided_at,
            line.decided_by_name,
        )
        for line in review.lines
    )
    return ReviewRow(
        review.id,
        review.version,
        review.school_id,
        board_scope(session, [review.school_id]),
        review.started_on,
        review.started_by_name,
        review.finished_on,
        review.finished_by_name,
        review.note,
        lines,
    )


def last_finished(session: Session, school_id: int) -> date | None:
    query = select(AccessReview.finished_on).where(
        AccessReview.school_id == school_id, AccessReview.finished_on.is_not(None)
    )
    return session.scalars(query.order_by(AccessReview.finished_on.desc())).first()


def _apply(session: Session, line: AccessReviewLine, outcome: ReviewOutcome) -> None:
    grant = session.get(AccessGrant, line.grant_id) if line.grant_id else None
    if grant is None or grant.revoked_on is not None:
        return
    if outcome is ReviewOutcome.REVOKED:
        grant.revoked_on = today_here()
    elif outcome is ReviewOutcome.CHANGED:
        grant.level = line.new_level


def _function(grant: AccessGrant) -> str:
    person = grant.person
    if person.left_on is not None:
        return f"{person.function} (vertrokken {person.left_on:%d-%m-%Y})".strip()
    return person.function


def _open_review(session: Session, school_id: int) -> AccessReview | None:
    query = select(AccessReview).where(
        AccessReview.school_id == school_id, AccessReview.finished_on.is_(None)
    )
    return session.scalars(query).first()


def _flush(work: Work) -> None:
    try:
        work.session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE) from error


def _review(work: Work, review_id: int) -> AccessReview:
    review = work.session.get(AccessReview, review_id)
    if review is None or review.school_id not in work.actor.school_ids:
        raise NotFoundError("Deze controle bestaat niet (meer).")
    return review
