"""Schools of the board, as far as the logged-in user may see them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.roles import Permission
from ibp_desktop.core.validation import normalise_brin
from ibp_desktop.services.context import Service
from ibp_desktop.store.models import Board, Pupil, School, UserSchool


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    name: str
    brin: str
    pupils_enrolled: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.brin})"


class SchoolService(Service):
    def visible_schools(self) -> list[SchoolInfo]:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            enrolled = (
                select(Pupil.school_id, func.count(Pupil.id).label("n"))
                .where(Pupil.deregistered_on.is_(None))
                .group_by(Pupil.school_id)
                .subquery()
            )
            rows = work.session.execute(
                select(School, func.coalesce(enrolled.c.n, 0))
                .outerjoin(enrolled, enrolled.c.school_id == School.id)
                .where(School.id.in_(work.actor.school_ids))
                .order_by(School.name)
            ).all()
            return [SchoolInfo(s.id, s.name, s.brin, int(n)) for s, n in rows]

    def add_school(self, name: str, brin: str) -> SchoolInfo:
        """Another school of the same board; the user who adds it gets access to it."""
        if not name.strip():
            raise BadInputError("Vul de naam van de school in.")
        try:
            code = normalise_brin(brin)
        except ValueError as error:
            raise BadInputError(str(error)) from error
        with self._work(Permission.MANAGE_SCHOOLS) as work:
            if not work.actor.board_level:
                raise PermissionDeniedError(
                    "Alleen een account van het bestuur kan een school toevoegen. Vraag het de security "
                    "officer van het bestuur."
                )
            session = work.session
            if session.scalars(select(School.id).where(School.brin == code)).first() is not None:
                raise BadInputError(f"Er is al een school met BRIN-code {code}.")
            board_id = session.scalars(select(Board.id).order_by(Board.id)).first()
            school = School(board_id=board_id, name=name.strip(), brin=code)
            session.add(school)
            session.flush()
            session.add(UserSchool(user_id=work.actor.user_id, school_id=school.id))
            work.audit(
                "school_added",
                "school",
                school.id,
                school_id=school.id,
                after={"name": school.name, "brin": code},
            )
            return SchoolInfo(school.id, school.name, school.brin, 0)

    def school_by_brin(self, brin: str) -> SchoolInfo:
        for school in self.visible_schools():
            if school.brin == brin.strip().upper():
                return school
        raise BadInputError(f"Geen school met BRIN-code {brin.strip().upper()} die u mag zien.")
