"""Scans inlezen: the copier's PDF (or images) in, a review per page, then saved with the page as proof.

Reading runs in the background (``ops.job``: the pages read so far, "Stoppen met lezen"). Sure pages
are saved in one go ("Alle zekere pagina's opslaan"); the others one by one after a look (Enter saves
the shown page, Ctrl+Right skips it). A page without a code is linked to a pupil by typing a few letters
of the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.ui import ops
from ibp_desktop.ui.background import TaskControl
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_error
from ibp_desktop.ui.pages.consent.common import NO_SCHOOL, consent_service, shortcut
from ibp_desktop.ui.pages.consent.scan_review import PageReview
from ibp_desktop.ui.texts import number
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import PupilHit, PupilIndex
    from ibp_desktop.services.consent.scans import ConsentScanService, ScannedPage

INTRO = (
    "Scan de ingevulde formulieren op het kopieerapparaat naar één PDF en kies die hier. Het programma "
    "leest de code en de vakjes. Zekere pagina's slaat u in één keer op; de andere bekijkt u één voor één: "
    "J ja, N nee, Delete leeg, pijltjes naar een ander doel, H handtekening, Enter opslaan."
)
READING = "Bezig met lezen (ongeveer 10 pagina's per seconde)…"
STOPPING = "Het lezen wordt gestopt…"
STOPPED = "Het lezen is gestopt. Er is niets opgeslagen; kies de scan opnieuw om hem te lezen."
LEVELS = {"sure": "green", "check": "amber", "no_code": "amber", "unknown": "amber", "duplicate": "grey"}


def scan_service(context: AppContext) -> ConsentScanService:
    from ibp_desktop.services.consent.scans import ConsentScanService

    return ConsentScanService(context.database, context.actor)


class ScanTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.pages: list[ScannedPage] = []
        self.done: set[int] = set()  # page indexes saved or put aside
        self.index: PupilIndex | None = None
        self.current_form: tuple[int, list[tuple[int, str]]] | None = None
        self.hand_pupil: PupilHit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(label(INTRO, "muted"))
        buttons = QHBoxLayout()
        self.open_file = QPushButton("Scan kiezen (PDF of afbeelding)…")
        self.open_file.clicked.connect(self.choose_file)
        self.open_folder = QPushButton("Map met scans kiezen…")
        self.open_folder.clicked.connect(self.choose_folder)
        self.save_sure = QPushButton("Alle zekere pagina's opslaan")
        self.save_sure.clicked.connect(self.save_all_sure)
        self.save_sure.setEnabled(False)
        self.stop_reading = QPushButton("Stoppen met lezen")
        self.stop_reading.clicked.connect(self._stop)
        self.stop_reading.hide()
        for button in (self.open_file, self.open_folder, self.save_sure, self.stop_reading):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.state = label("", "muted")
        layout.addWidget(self.state)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        body.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.pupil_search = QLineEdit()
        self.pupil_search.setPlaceholderText(
            "Geen code: zoek de leerling (naam of leerlingnummer) en kies met Enter"
        )
        self.pupil_search.returnPressed.connect(self._pick_pupil)
        right.addWidget(self.pupil_search)
        self.review = PageReview()
        right.addWidget(self.review, 1)
        actions = QHBoxLayout()
        self.save_page = QPushButton("Deze pagina opslaan (Enter)")
        self.save_page.clicked.connect(self.save_current)
        self.skip_page = QPushButton("Apart leggen (Ctrl+→)")
        self.skip_page.clicked.connect(self.skip_current)
        actions.addWidget(self.save_page)
        actions.addWidget(self.skip_page)
        actions.addStretch(1)
        right.addLayout(actions)
        body.addLayout(right, 3)
        layout.addLayout(body, 1)
        shortcut(self.review, "Return", self.save_current)
        shortcut(self, "Ctrl+Right", self.skip_current)
        self._enable_review(False)

    # ----------------------------------------------------------------- reading

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Scan kiezen", "", "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"
        )
        if path:
            self.read(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Map met scans kiezen")
        if path:
            self.read(path)

    def read(self, path: str) -> None:
        school_id = self.context.school_id
        if school_id is None:
            show_error(self, NO_SCHOOL)
            return
        service, consent = scan_service(self.context), consent_service(self.context)
        self.state.setText(READING)

        def work(control: TaskControl) -> Any:
            def page_read(done: int) -> None:
                control.report(done, 0)
                control.check()  # Stoppen: reading writes nothing, so stopping loses nothing

            return (
                service.read(school_id, path, page_read),
                consent.pupil_index(school_id),
                service.current_form(school_id),
            )

        self.stop_reading.show()
        # A file that cannot be read goes to the error dialog (nothing changed), like any failure.
        ops.job(self, (), work, self._read_done, progress=self._reading,
                on_cancelled=lambda: self.state.setText(STOPPED), always=self._read_ended,
                wait=[self.open_file, self.open_folder, self.save_sure], what="scan read")

    def _reading(self, done: int, _total: int, _text: str) -> None:
        if self.stop_reading.isEnabled():  # not after Stoppen: then the state says it stops
            pages = "1 pagina" if done == 1 else f"{number(done)} pagina's"
            self.state.setText(f"Bezig met lezen: {pages} gelezen (ongeveer 10 per seconde)…")

    def _stop(self) -> None:
        if ops.cancel(self):
            self.stop_reading.setEnabled(False)
            self.state.setText(STOPPING)

    def _read_ended(self) -> None:
        self.stop_reading.hide()
        self.stop_reading.setEnabled(True)
        if self.state.text() == STOPPING or self.state.text().startswith("Bezig met lezen"):
            self.state.setText("")  # it failed: the error dialog says why

    def _read_done(self, result: Any) -> None:
        self.pages, self.index, self.current_form = result
        self.done = set()
        self._fill_list()
        first = next((i for i, p in enumerate(self.pages) if self._needs_look(p)), 0)
        if self.pages:
            self.list.setCurrentRow(first)

    # ----------------------------------------------------------------- the list

    def _needs_look(self, page: ScannedPage) -> bool:
        return (
            page.state.value in ("check", "no_code", "unknown", "duplicate") and page.index not in self.done
        )

    def _fill_list(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for page in self.pages:
            who = page.pupil.name if page.pupil else "—"
            status = "Opgeslagen of apart gelegd" if page.index in self.done else page.state_label
            item = QListWidgetItem(f"{page.label} · {who}\n{status}")
            background, text = LEVEL_COLOURS[
                "grey" if page.index in self.done else LEVELS.get(page.state.value, "grey")
            ]
            item.setBackground(QBrush(QColor(background)))
            item.setForeground(QBrush(QColor(text)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        sure = [p for p in self.pages if p.state.value == "sure" and p.index not in self.done]
        look = sum(self._needs_look(p) for p in self.pages)
        self.save_sure.setText(f"Alle zekere pagina's opslaan ({len(sure)})")
        self.save_sure.setEnabled(bool(sure))
        self.state.setText(f"{len(self.pages)} pagina's gelezen: {len(sure)} zeker, {look} nog bekijken.")

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            self._enable_review(False)
            return
        page = self.pages[row]
        self.hand_pupil = None
        self.pupil_search.clear()
        self.pupil_search.setVisible(page.state.value in ("no_code", "unknown"))
        purposes = self.current_form[1] if self.current_form else []
        self.review.show_page(page, purposes)
        self._enable_review(page.index not in self.done and page.state.value not in ("blank", "other_school"))
        (self.pupil_search if self.pupil_search.isVisibleTo(self) else self.review).setFocus()

    def _enable_review(self, on: bool) -> None:
        self.save_page.setEnabled(on)
        self.skip_page.setEnabled(on)

    def _pick_pupil(self) -> None:
        hits = self.index.search(self.pupil_search.text(), 1) if self.index else []
        if not hits:
            self.pupil_search.setStyleSheet(f"color: {LEVEL_COLOURS['red'][1]};")
            return
        self.pupil_search.setStyleSheet("")
        self.hand_pupil = hits[0]
        self.pupil_search.setText(f"{hits[0].name} (groep {hits[0].group_name or '-'})")
        self.review.heading.setText(f"{self.review.heading.text().split(':')[0]}: {hits[0].name}")
        self.review.setFocus()

    # ----------------------------------------------------------------- saving

    def save_all_sure(self) -> None:
        from ibp_desktop.services.consent.scans import PageState, accepted

        chosen = [p for p in self.pages if p.state is PageState.SURE and p.index not in self.done]
        self._save([accepted(p) for p in chosen], [p.index for p in chosen])

    def save_current(self) -> None:
        from ibp_desktop.services.consent.scans import ReviewedPage

        row = self.list.currentRow()
        if not 0 <= row < len(self.pages) or not self.save_page.isEnabled():
            return
        page, review = self.pages[row], self.review
        pupil_id = self.hand_pupil.id if self.hand_pupil else page.pupil.id if page.pupil else None
        form_id = page.form_version_id or (self.current_form[0] if self.current_form else None)
        if pupil_id is None or form_id is None:
            show_error(self, "Kies eerst de leerling bij deze pagina (zoekveld bovenaan).")
            return
        if review.unresolved():
            show_error(self, "Vul eerst in wat niet zeker is: " + ", ".join(review.unresolved()) + ".")
            return
        answers = {pid: value for pid, value in review.answers.items() if value is not None}
        reviewed = ReviewedPage(
            page, pupil_id, form_id, answers, review.chosen_relation(), review.signed.isChecked()
        )
        self._save([reviewed], [page.index])

    def skip_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.pages) and self.skip_page.isEnabled():
            self.done.add(self.pages[row].index)
            self._next()

    def _save(self, reviewed: list[Any], indexes: list[int]) -> None:
        school_id = self.context.school_id
        if school_id is None or not reviewed:
            return
        service = scan_service(self.context)

        def done(result: Any) -> None:
            self.done.update(indexes)
            self._next()
            self.state.setText(
                f"Opgeslagen: {result.pages} formulieren, {result.decisions} antwoorden. " + self.state.text()
            )

        # A refusal (or an error) goes to the error dialog; the buttons get their state back.
        ops.mutate(self, ops.CONSENT, lambda: service.save(school_id, reviewed), done,
                   wait=[self.save_page, self.skip_page, self.save_sure], what="scan save")

    def _next(self) -> None:
        self._fill_list()
        following = [p.index for p in self.pages if self._needs_look(p)]
        if following:
            self.list.setCurrentRow(following[0])
        else:
            self._show(self.list.currentRow())
