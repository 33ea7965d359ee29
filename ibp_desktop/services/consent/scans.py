"""Paper consent forms back in by scanning (issue 18): read a stack, review, then save with proof.

``read`` renders and measures every page (no database writes) and says per page what it found and
whether it is sure. ``save`` records reviewed pages: per page the answers as decisions with channel
paper on the form version the page was printed from, and the page itself (JPEG, in the encrypted
database) linked to those decisions, all in one transaction with an audit entry per page. Nothing is
saved unread: the caller passes only pages a person accepted (sure pages in one go, the rest one by one).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from ibp_desktop.core.consent.rules import RELATION_LABELS, Channel, Relation
from ibp_desktop.core.consent.scan_layout import BOX, JA_X, NEE_X, SIGNATURE_H, SIGNATURE_W, SIGNATURE_X
from ibp_desktop.core.consent.school_year import school_year_of, sixteenth_birthday
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.roles import Permission
from ibp_desktop.importers.scan_pages import RENDER_DPI, ScanPage, fingerprint, iter_pages, proof_jpeg
from ibp_desktop.importers.scan_reader import PageRead, cutout, read_page
from ibp_desktop.services.consent.campaigns import campaign_for
from ibp_desktop.services.consent.decisions import PupilHit
from ibp_desktop.services.consent.forms import ensure_form
from ibp_desktop.services.consent.queries import pupil_ref, today
from ibp_desktop.services.context import Service, Work
from ibp_desktop.store.consent_models import ConsentDecision, ConsentFormPurpose, ConsentFormVersion
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.scan_models import ConsentScan, ConsentScanDecision

log = logging.getLogger(__name__)

RELATIONS = tuple(Relation)  # the order printed on the form


class PageState(StrEnum):
    SURE = "sure"
    CHECK = "check"
    NO_CODE = "no_code"
    BLANK = "blank"
    OTHER_SCHOOL = "other_school"
    UNKNOWN = "unknown"
    DUPLICATE = "duplicate"
    NO_BOXES = "no_boxes"


STATE_LABELS = {
    PageState.SURE: "Gelezen",
    PageState.CHECK: "Controleren",
    PageState.NO_CODE: "Geen code: koppel met de hand",
    PageState.BLANK: "Lege pagina",
    PageState.OTHER_SCHOOL: "Andere school",
    PageState.UNKNOWN: "Onbekende leerling of formulierversie",
    PageState.DUPLICATE: "Al eerder gescand",
    PageState.NO_BOXES: "Vervolgpagina zonder vakjes",
}


@dataclass(frozen=True)
class ScanAnswer:
    purpose_id: int
    label: str
    value: bool | None  # True ja, False nee, None nothing ticked (or unsure)
    sure: bool
    cutout: bytes  # PNG: the Ja and Nee boxes, upright


@dataclass(frozen=True)
class ScannedPage:
    index: int
    source: str
    number: int
    state: PageState
    message: str
    pupil: PupilHit | None
    form_version_id: int | None
    form_number: int | None
    answers: tuple[ScanAnswer, ...]
    relation: Relation
    relation_sure: bool
    signed: bool | None  # None: unsure
    signature_cutout: bytes
    image: bytes  # JPEG, upright: what is kept as proof
    fingerprint: str
    number_on_form: int = 1  # page of the pupil's form, from the code

    @property
    def label(self) -> str:
        return f"{self.source}, pagina {self.number}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class ReviewedPage:
    """A page a person accepted: ``answers`` purpose id -> granted (purposes left out: not answered)."""

    page: ScannedPage
    pupil_id: int
    form_version_id: int
    answers: Mapping[int, bool]
    relation: Relation
    signed: bool


@dataclass(frozen=True)
class ScanSaveResult:
    pages: int
    decisions: int


def accepted(page: ScannedPage) -> ReviewedPage:
    """A sure page as read."""
    if page.state is not PageState.SURE or page.pupil is None or page.form_version_id is None:
        raise BadInputError(f"{page.label} is niet zeker gelezen. Bekijk die pagina eerst.")
    answers = {a.purpose_id: a.value for a in page.answers if a.value is not None}
    return ReviewedPage(page, page.pupil.id, page.form_version_id, answers, page.relation, bool(page.signed))


@dataclass(frozen=True)
class _Known:
    brin: str
    forms: dict[int, tuple[int, list[tuple[int, str]]]]  # number -> (id, [(purpose id, label)])
    pupils: dict[int, PupilHit]
    fingerprints: dict[str, date]
    scanned: dict[tuple[int, int, int], date]  # (pupil, form version, page) -> scanned on


class ConsentScanService(Service):
    """Permission RECORD_CONSENT for reading and saving scans; VIEW_PUPILS to see a kept page."""

    def read(
        self,
        school_id: int,
        path: str | Path,
        progress: Callable[[int], None] | None = None,
        dpi: int = RENDER_DPI,
    ) -> list[ScannedPage]:
        """Every page of the file or folder, read and checked against the school's data."""
        known = self._known(school_id)
        pages: list[ScannedPage] = []
        seen: dict[tuple[int, int, int], str] = {}
        for index, scan in enumerate(iter_pages(Path(path), dpi)):
            page = _page(index, scan, read_page(scan.image), known)
            key = _key(page)
            if key is not None and page.state in (PageState.SURE, PageState.CHECK):
                if key in seen:
                    page = replace(page, state=PageState.DUPLICATE, message=f"Dubbel: ook {seen[key]}.")
                seen.setdefault(key, page.label)
            pages.append(page)
            if progress:
                progress(index + 1)
        log.info("scans read: %d pages, %d sure", len(pages), sum(p.state is PageState.SURE for p in pages))
        return pages

    def save(self, school_id: int, pages: Sequence[ReviewedPage], on: date | None = None) -> ScanSaveResult:
        """Record the reviewed pages (all or nothing). ``on``: the date of the answers (default today)."""
        day = on or today()
        decisions = 0
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            year = school_year_of(day).label
            campaign = campaign_for(work.session, school_id, year)
            for reviewed in pages:
                decisions += _save_page(work, school_id, reviewed, day, year, campaign)
        log.info("scans saved: %d pages, %d decisions", len(pages), decisions)
        return ScanSaveResult(len(pages), decisions)

    def current_form(self, school_id: int) -> tuple[int, list[tuple[int, str]]]:
        """(form version id, [(purpose id, label)]) for linking a page without a code by hand."""
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            version = ensure_form(work, school_id)
            return version.id, _form_purposes(work, version.id)

    def page_image(self, scan_id: int) -> bytes:
        """A kept page (JPEG); looking at it is logged."""
        with self._work(Permission.VIEW_PUPILS) as work:
            scan = work.session.get(ConsentScan, scan_id)
            if scan is None:
                raise NotFoundError(
                    "Deze gescande pagina bestaat niet meer (vernietigd volgens de bewaartermijn)."
                )
            work.require_school(scan.school_id)
            work.audit("consent_scan_viewed", "pupil", scan.pupil_id, school_id=scan.school_id)
            return bytes(scan.image)

    def _known(self, school_id: int) -> _Known:
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            school = work.session.get(School, school_id)
            if school is None:
                raise NotFoundError("Deze school bestaat niet (meer).")
            ensure_form(work, school_id)
            versions = work.session.scalars(
                select(ConsentFormVersion).where(ConsentFormVersion.school_id == school_id)
            )
            forms = {v.number: (v.id, _form_purposes(work, v.id)) for v in versions}
            pupils = {}
            for pupil in work.session.scalars(select(Pupil).where(Pupil.school_id == school_id)):
                ref = pupil_ref(pupil)
                pupils[pupil.id] = PupilHit(
                    ref.id, ref.pupil_number, ref.name, ref.group_name, ref.date_of_birth
                )
            rows = work.session.execute(
                select(
                    ConsentScan.fingerprint,
                    ConsentScan.pupil_id,
                    ConsentScan.form_version_id,
                    ConsentScan.page,
                    ConsentScan.scanned_at,
                ).where(ConsentScan.school_id == school_id)
            ).all()
            return _Known(
                school.brin.upper(),
                forms,
                pupils,
                {r[0]: r[4].date() for r in rows},
                {(r[1], r[2], r[3]): r[4].date() for r in rows},
            )


def _form_purposes(work: Work, version_id: int) -> list[tuple[int, str]]:
    rows = work.session.scalars(
        select(ConsentFormPurpose)
        .where(ConsentFormPurpose.form_version_id == version_id)
        .order_by(ConsentFormPurpose.position)
    )
    return [(r.purpose_id, r.label) for r in rows]


def _key(page: ScannedPage) -> tuple[int, int, int] | None:
    if page.pupil is None or page.form_version_id is None:
        return None
    return page.pupil.id, page.form_version_id, page.number_on_form


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def _page(index: int, scan: ScanPage, read: PageRead, known: _Known) -> ScannedPage:
    code, transform = read.code, read.transform
    scale = 1.0 if transform is None else float(abs(transform[0, 0]) + abs(transform[0, 1]))
    base = ScannedPage(
        index,
        scan.source,
        scan.number,
        PageState.NO_CODE,
        "Geen code gevonden. Kies de leerling en vul de antwoorden in, of leg de pagina apart.",
        None,
        None,
        None,
        (),
        Relation.GUARDIAN_1,
        True,
        None,
        b"",
        proof_jpeg(scan.image, read.upside_down, scale),
        fingerprint(scan.image),
    )
    if code is None or transform is None:
        if read.blank:
            return replace(base, state=PageState.BLANK, message="Lege pagina: wordt overgeslagen.")
        return base
    if code.brin.upper() != known.brin:
        return replace(
            base, state=PageState.OTHER_SCHOOL, message=f"Formulier van een andere school ({code.brin})."
        )
    pupil = known.pupils.get(code.pupil_id)
    form = known.forms.get(code.form_number)
    if pupil is None or form is None:
        return replace(
            base,
            state=PageState.UNKNOWN,
            message="Deze leerling of formulierversie staat niet (meer) in het programma. "
            "Koppel met de hand.",
        )
    form_id, purposes = form
    page = replace(
        base, pupil=pupil, form_version_id=form_id, form_number=code.form_number, number_on_form=code.page
    )
    if not code.purpose_ys:
        return replace(page, state=PageState.NO_BOXES, message="Vervolgpagina: hierop staan geen vakjes.")
    answers = tuple(
        ScanAnswer(
            purposes[a.index][0],
            purposes[a.index][1],
            a.value,
            a.sure,
            _png(cutout(scan.image, transform, JA_X - 2, y - 2, NEE_X - JA_X + BOX + 14, BOX + 4)),
        )
        for a, y in zip(read.answers, code.purpose_ys, strict=True)
        if a.index < len(purposes)
    )
    signature = b""
    if code.signature_y is not None:
        signature = _png(
            cutout(scan.image, transform, SIGNATURE_X, code.signature_y, SIGNATURE_W, SIGNATURE_H)
        )
    page = replace(
        page,
        answers=answers,
        relation=RELATIONS[read.relation] if read.relation is not None else Relation.GUARDIAN_1,
        relation_sure=read.relation_sure,
        signed=read.signed,
        signature_cutout=signature,
    )
    return _judge(page, read, known)


def _judge(page: ScannedPage, read: PageRead, known: _Known) -> ScannedPage:
    assert page.pupil is not None and page.form_version_id is not None
    earlier = known.fingerprints.get(page.fingerprint) or known.scanned.get(
        (page.pupil.id, page.form_version_id, page.number_on_form)
    )
    if earlier is not None:
        return replace(
            page,
            state=PageState.DUPLICATE,
            message=f"Deze pagina is al gescand op {earlier:%d-%m-%Y}. "
            "Alleen opslaan als het een nieuw formulier is.",
        )
    problems = []
    unsure = [a.label for a in page.answers if not a.sure]
    if unsure:
        problems.append("niet zeker: " + ", ".join(unsure))
    if len(page.answers) != len(read.answers):
        problems.append("het formulier heeft een ander aantal doelen dan de code")
    if not page.relation_sure:
        problems.append("relatie niet duidelijk")
    if page.signed is None:
        problems.append("handtekening niet zeker")
    elif not page.signed:
        problems.append("geen handtekening")
    if problems:
        return replace(page, state=PageState.CHECK, message="Controleren: " + "; ".join(problems) + ".")
    return replace(page, state=PageState.SURE, message="Alles gelezen.")


def _save_page(
    work: Work, school_id: int, reviewed: ReviewedPage, day: date, year: str, campaign: int | None
) -> int:
    page = reviewed.page
    pupil = work.session.get(Pupil, reviewed.pupil_id)
    if pupil is None or pupil.school_id != school_id:
        raise NotFoundError(f"{page.label}: deze leerling bestaat niet (meer) op deze school.")
    version = work.session.get(ConsentFormVersion, reviewed.form_version_id)
    if version is None or version.school_id != school_id:
        raise NotFoundError(f"{page.label}: deze formulierversie hoort niet bij deze school.")
    if not reviewed.signed:
        raise BadInputError(f"{page.label}: zonder handtekening is er geen bewijs. Leg deze pagina apart.")
    if not reviewed.answers:
        raise BadInputError(f"{page.label}: er is geen enkel doel ingevuld. Kies per doel ja of nee.")
    on_form = {pid for pid, _ in _form_purposes(work, version.id)}
    if any(pid not in on_form for pid in reviewed.answers):
        raise BadInputError(f"{page.label}: een doel staat niet op deze formulierversie.")
    if (reviewed.relation is Relation.PUPIL) != (day >= sixteenth_birthday(pupil.date_of_birth)):
        raise BadInputError(
            f"{page.label}: de relatie past niet bij de leeftijd van de leerling (16+ beslist zelf)."
        )
    given_by = f"{RELATION_LABELS[reviewed.relation]} (handtekening op de scan)"
    rows = [
        ConsentDecision(
            pupil_id=pupil.id,
            purpose_id=purpose_id,
            granted=granted,
            withdrawal=False,
            school_year=year,
            form_version_id=version.id,
            campaign_id=campaign,
            given_by=given_by,
            relation=reviewed.relation.value,
            channel=Channel.PAPER.value,
            given_on=day,
            recorded_by_user_id=work.actor.user_id,
        )
        for purpose_id, granted in reviewed.answers.items()
    ]
    scan = ConsentScan(
        school_id=school_id,
        pupil_id=pupil.id,
        form_version_id=version.id,
        page=page.number_on_form,
        source_name=page.source[:200],
        linked_by_hand=page.pupil is None or page.pupil.id != pupil.id,
        fingerprint=page.fingerprint,
        image=page.image,
        recorded_by_user_id=work.actor.user_id,
    )
    work.session.add_all([*rows, scan])
    work.session.flush()
    work.session.add_all([ConsentScanDecision(scan_id=scan.id, decision_id=row.id) for row in rows])
    work.audit(
        "consent_scan_recorded",
        "pupil",
        pupil.id,
        school_id=school_id,
        after={
            "scan_id": scan.id,
            "form_version": version.number,
            "decisions": len(rows),
            "linked_by_hand": scan.linked_by_hand,
        },
    )
    return len(rows)
