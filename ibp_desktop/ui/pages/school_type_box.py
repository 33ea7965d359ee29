"""Beheer: openbare or bijzondere school, which decides the legal basis the schedule may name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from ibp_desktop.core.legal_basis import SCHOOL_TYPE_LABELS, SchoolType
from ibp_desktop.services.retention.legal_basis import SchoolTypeService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label


class SchoolTypeRow(QWidget):
    def __init__(self, context: AppContext, can_edit: bool) -> None:
        super().__init__()
        self.context, self.can_edit = context, can_edit
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label("Soort school:", wrap=False))
        self.choice = QComboBox()
        self.choice.addItem("Nog niet vastgelegd (telt als openbaar)", None)
        for school_type, text in SCHOOL_TYPE_LABELS.items():
            self.choice.addItem(text, school_type)
        self.choice.setToolTip(
            "Een openbare school gebruikt de publieke taak als grondslag, geen gerechtvaardigd belang "
            "(AVG artikel 6 lid 1)."
        )
        row.addWidget(self.choice, 1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.status = label("", "muted", wrap=False)
        row.addWidget(self.status)
        context.school_changed.connect(lambda _id: self.load())
        self.load()

    def school(self) -> int | None:
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id if len(self.context.schools) == 1 else None

    def service(self) -> SchoolTypeService:
        return SchoolTypeService(self.context.database, self.context.actor)

    def load(self) -> None:
        school = self.school()
        enabled = school is not None and self.can_edit
        self.choice.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        if school is None:
            self.status.setText("Kies eerst een school bovenin.")
            return
        service = self.service()
        ops.query(self, lambda: service.school_type(school), self._loaded, what="school type", again=True)

    def _loaded(self, current: SchoolType | None) -> None:
        self.choice.setCurrentIndex(max(self.choice.findData(current), 0) if current else 0)

    def save(self) -> None:
        school, chosen = self.school(), self.choice.currentData()
        if school is None or chosen is None:
            return
        service, school_type = self.service(), SchoolType(chosen)
        ops.mutate(self, (ops.SETTINGS, ops.RETENTION), lambda: service.set_school_type(school, school_type),
                   self._saved, wait=[self.save_button], what="school type")

    def _saved(self, changed: list[str]) -> None:
        extra = f" Grondslag aangepast in: {', '.join(changed)}." if changed else ""
        self.status.setText("Opgeslagen." + extra)
