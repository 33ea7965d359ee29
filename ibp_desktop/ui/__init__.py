"""The Qt user interface. Importing it applies the run-time checked work-arounds in qt_fixes."""

from ibp_desktop.ui.qt_fixes import apply_qt_fixes

apply_qt_fixes()
