"""ConsentScanService on both backends: a stack made from the program's own printed forms."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import delete, func, select

from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.importers.scan_reader import read_page
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.scans import ConsentScanService, PageState, ReviewedPage, accepted
from ibp_desktop.services.retention.delete import delete_unsupported_scans
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import AuditEntry, Pupil
from ibp_desktop.store.scan_models import ConsentScan
from tests.conftest import SchoolDb
from tests.scans.scan_maker import Fill, Look, blank_page, copier, fill_in, forms_pdf, render
from tests.services.test_consent import add_pupils

ON = date(2026, 9, 14)
ALL_YES = Fill(("ja",) * 10, relation=0, signed=True)
MIXED = Fill(("ja", "nee", None, "ja", "both", "nee", "ja", "ja", "nee", "ja"), relation=1, signed=True)
UNSIGNED = Fill(("nee",) * 10, relation=0, signed=False)


def _scan(pdf: bytes, index: int, fill: Fill, look: Look, rng: random.Random) -> Image.Image:
    page = render(pdf, index, look.dpi)
    code = read_page(page).code  # the code as printed: where this page's boxes are
    assert code is not None
    fill_in(page, code, fill, look.dpi, rng)
    return Image.fromarray(np.asarray(copier(page, look, rng, code)))


def make_stack(school: SchoolDb, ids: dict[str, int], folder: Path) -> Path:
    """One PDF as the copier makes it: 4 forms, a blank page, a page of another school."""
    pdf = ConsentService(school.database, school.actor).forms_pdf(school.school_id)
    rng = random.Random(4)
    pages = [
        _scan(pdf, 0, ALL_YES, Look(angle=1.5), rng),
        _scan(pdf, 1, MIXED, Look(angle=-2.0, upside_down=True, grey=True), rng),
        _scan(pdf, 2, UNSIGNED, Look(dpi=150), rng),
        _scan(pdf, 3, ALL_YES, Look(hide_code=True), rng),
        Image.fromarray(np.asarray(blank_page(Look(), rng))),
    ]
    other = forms_pdf("99ZZ", [ids["1001"]])
    pages.append(_scan(other.pdf, 0, Fill(("ja",) * 6), Look(), rng))
    pages = [p.resize((1654, 2339)) for p in pages]  # one size, as from one copier at 200 dpi
    path = folder / "stapel.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200)
    return path


def test_read_review_save_and_proof(school_db: SchoolDb, tmp_path: Path) -> None:
    ids = add_pupils(school_db)
    path = make_stack(school_db, ids, tmp_path)
    service = ConsentScanService(school_db.database, school_db.actor)
    seen: list[int] = []
    pages = service.read(school_db.school_id, path, progress=seen.append)
    assert seen == [1, 2, 3, 4, 5, 6]
    states = [p.state for p in pages]
    assert states == [
        PageState.SURE,
        PageState.CHECK,
        PageState.CHECK,
        PageState.NO_CODE,
        PageState.BLANK,
        PageState.OTHER_SCHOOL,
    ]
    sure, mixed, unsigned, no_code = pages[:4]
    # forms print group by group in register order: group 5 Nguyễn Văn, Wiśniewska, Yılmaz; group 8
    assert sure.pupil is not None and sure.pupil.name == "An Nguyễn Văn"
    assert mixed.pupil is not None and mixed.pupil.name == "Łucja Wiśniewska"
    assert [a.value for a in mixed.answers] == [True, False, None, True, None, False, True, True, False, True]
    assert [a.sure for a in mixed.answers].count(False) == 1 and "niet zeker" in mixed.message
    assert mixed.relation is Relation.GUARDIAN_2
    assert unsigned.signed is False and "geen handtekening" in unsigned.message
    assert no_code.pupil is None and no_code.message.startswith("Geen code gevonden")
    assert all(a.cutout.startswith(b"\x89PNG") for a in mixed.answers)
    assert sure.image.startswith(b"\xff\xd8")  # JPEG

    # sure pages in one go; the unsure one after review (the reviewer says: purpose 5 is nee)
    assert mixed.pupil is not None and mixed.form_version_id is not None
    fixed = {
        a.purpose_id: (a.value if a.sure else False)
        for a in mixed.answers
        if a.value is not None or not a.sure
    }
    reviewed = [
        accepted(sure),
        ReviewedPage(mixed, mixed.pupil.id, mixed.form_version_id, fixed, Relation.GUARDIAN_2, True),
    ]
    with pytest.raises(BadInputError, match="niet zeker gelezen"):
        accepted(mixed)
    result = service.save(school_db.school_id, reviewed, on=ON)
    assert (result.pages, result.decisions) == (2, 10 + 9)

    consent = ConsentService(school_db.database, school_db.actor)
    history = consent.history(sure.pupil.id)
    assert len(history) == 10 and all(r.channel is Channel.PAPER for r in history)
    assert history[0].channel_label.startswith("papier, gescand op ")
    assert history[0].scan_id is not None
    assert service.page_image(history[0].scan_id) == sure.image
    with school_db.database.transaction() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
        assert actions.count("consent_scan_recorded") == 2 and "consent_scan_viewed" in actions

    # the same stack again: the saved pages are recognised
    again = service.read(school_db.school_id, path)
    assert [p.state for p in again[:2]] == [PageState.DUPLICATE, PageState.DUPLICATE]
    assert "al gescand op" in again[0].message


def test_nothing_saved_without_signature_and_link_by_hand(school_db: SchoolDb, tmp_path: Path) -> None:
    ids = add_pupils(school_db)
    path = make_stack(school_db, ids, tmp_path)
    service = ConsentScanService(school_db.database, school_db.actor)
    pages = service.read(school_db.school_id, path)
    unsigned, no_code = pages[2], pages[3]
    assert unsigned.pupil is not None and unsigned.form_version_id is not None
    answers = {a.purpose_id: False for a in unsigned.answers}
    bad = ReviewedPage(
        unsigned, unsigned.pupil.id, unsigned.form_version_id, answers, Relation.GUARDIAN_1, False
    )
    with pytest.raises(BadInputError, match="zonder handtekening"):
        service.save(school_db.school_id, [accepted(pages[0]), bad], on=ON)
    with school_db.database.transaction() as session:  # all or nothing
        assert session.scalar(select(func.count()).select_from(ConsentDecision)) == 0

    form_id, purposes = service.current_form(school_db.school_id)
    by_hand = ReviewedPage(no_code, ids["1002"], form_id, {purposes[0][0]: True}, Relation.GUARDIAN_1, True)
    service.save(school_db.school_id, [by_hand], on=ON)
    with school_db.database.transaction() as session:
        scan = session.scalars(select(ConsentScan)).one()
        assert scan.linked_by_hand and scan.pupil_id == ids["1002"]


def test_proof_goes_with_the_decisions(school_db: SchoolDb, tmp_path: Path) -> None:
    ids = add_pupils(school_db)
    service = ConsentScanService(school_db.database, school_db.actor)
    pages = service.read(school_db.school_id, make_stack(school_db, ids, tmp_path))
    service.save(school_db.school_id, [accepted(pages[0])], on=ON)
    assert pages[0].pupil is not None
    pupil_id = pages[0].pupil.id
    with school_db.database.transaction() as session:
        session.execute(
            delete(ConsentDecision).where(ConsentDecision.id.in_(select(ConsentDecision.id).limit(3)))
        )
        assert delete_unsupported_scans(session, [pupil_id]) == 0  # still proves 7 decisions
        session.execute(delete(ConsentDecision))
        assert delete_unsupported_scans(session, [pupil_id]) == 1
    service.save(school_db.school_id, [accepted(pages[0])], on=ON)
    with school_db.database.transaction() as session:  # and with the pupil
        session.execute(delete(Pupil).where(Pupil.id == pupil_id))
    with school_db.database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ConsentScan)) == 0
