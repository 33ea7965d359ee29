"""Small pieces the import wizard's pages share: a busy line, Dutch counts, the wizard's page ids."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from ibp_desktop.ui.texts import number
from ibp_desktop.ui.theme import label

FILE_PAGE, MAPPING_PAGE, DIFF_PAGE, RESULT_PAGE = range(4)
CANCELLING = "Het importeren wordt afgebroken…"


def count(value: int, singular: str, plural: str) -> str:
    """ "1 leerling", "2 leerlingen", "1.234 leerlingen"."""
    return f"{number(value)} {singular if value == 1 else plural}"


class BusyLine(QWidget):
    """A bar with a short text while work runs in the background (moving, or filling up when the length
    is known); hidden otherwise."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # unknown length: the bar moves to the left and right
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(14)
        self.text = label("", "muted", wrap=False)
        row.addWidget(self.bar)
        row.addWidget(self.text, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.bar.setRange(0, 0)
        self.text.setText(text)
        self.show()

    def progress(self, done: int, total: int, text: str) -> None:
        """Known length: the bar fills up (``done`` of ``total``)."""
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        self.text.setText(text)

    def stop(self) -> None:
        self.hide()

    @property
    def busy(self) -> bool:
        return not self.isHidden()
