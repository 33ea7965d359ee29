"""Qt's own texts in Dutch (UI.md): context menus of text fields, print dialogs, standard buttons.

PySide6 ships Qt's Dutch catalogue (qtbase_nl.qm); the PyInstaller spec bundles it in the same place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUES = ("qtbase",)  # the widgets, print support and dialogs all translate from qtbase


def translation_folders() -> list[Path]:
    """Where Qt's catalogues may be: Qt's own idea, then next to the PySide6 package (a bundle)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    folders.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    return folders


def install_dutch(app: QCoreApplication) -> list[QTranslator]:
    """Load Qt's Dutch translations into the application; the translators installed (kept alive by
    the caller). A missing catalogue is logged, not fatal: the program's own texts are Dutch anyway."""
    installed = []
    locale = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
    for catalogue in CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(locale, catalogue, "_", str(folder)) for folder in translation_folders()):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation catalogue not found: %s_nl", catalogue)
    return installed
