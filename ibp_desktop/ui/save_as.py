"""The one "Opslaan als" question: a safe suggested file name in the folder the user used last."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ibp_desktop.core.file_names import safe_file_name

LAST_FOLDER_KEY = "files/last_folder"


def start_folder(settings: QSettings | None = None) -> Path:
    """The folder the user saved in last, else Documents (else the home folder)."""
    value = (settings or QSettings()).value(LAST_FOLDER_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def suggested_path(name: str, settings: QSettings | None = None) -> Path:
    return start_folder(settings) / safe_file_name(name)


def remember_folder(path: Path, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(LAST_FOLDER_KEY, str(path.parent))


def ask_save_path(parent: QWidget | None, suggested_name: str, file_filter: str,
                  caption: str = "Opslaan als") -> Path | None:
    """Ask where to save; None when the user cancels. The chosen folder is remembered."""
    return ask_save(parent, suggested_name, file_filter, caption)[0]


def ask_save(parent: QWidget | None, suggested_name: str, file_filter: str,
             caption: str = "Opslaan als") -> tuple[Path | None, str]:
    """Ask where to save: the path (None when cancelled) and the file type filter the user chose."""
    suggested = str(suggested_path(suggested_name))
    path, chosen = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    if not path:
        return None, chosen
    target = Path(path)
    remember_folder(target)
    return target, chosen
