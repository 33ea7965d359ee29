"""The main window: top bar (school, user, lock), navigation on the left, the chosen page on the right."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages import PageSpec, pages_for
from ibp_desktop.ui.theme import NAVIGATION_SHEET, TopBar, label, set_font_size

KEY_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    closed = Signal()

    def __init__(self, context: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.settings = settings or QSettings()
        self.setWindowTitle(self._title())
        self.setMinimumSize(900, 560)
        self.specs: list[PageSpec] = pages_for(context.actor)
        self.pages: dict[str, QWidget] = {}
        context.open_page = self.open_page
        context.has_page = lambda key: key.partition("#")[0] in self.page_keys()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_SHEET)
        self.navigation.setAccessibleName("Navigatie")
        for spec in self.specs:
            item = QListWidgetItem(spec.title)
            item.setData(KEY_ROLE, spec.key)
            self.navigation.addItem(item)
        # Just wide enough for the longest title ("Leerlingen en toestemming"): every pixel more is taken
        # from the tables on a 1366 px laptop.
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 16)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([self.navigation.width(), 1100])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._show_row)
        if context.demo:
            self.statusBar().showMessage("Demoschool: alle gegevens zijn verzonnen.")
        if context.database.read_only:  # e.g. the school moved to the server: say so all the time
            reason = context.database.read_only_message.replace(" Er is niets opgeslagen.", "")
            self.statusBar().showMessage(reason)
        self._restore()

    def _title(self) -> str:
        names = [s.name for s in self.context.schools]
        school = names[0] if len(names) == 1 else "alle scholen"
        return f"IBP Desktop – {school}"

    def _top_bar(self) -> QWidget:
        bar = TopBar()
        bar.setObjectName("topBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 12, 8)
        row.addWidget(label("IBP Desktop", "appTitle", wrap=False))
        row.addSpacing(24)
        row.addWidget(self._school_widget())
        row.addStretch(1)
        actor = self.context.actor
        who = QLabel(f"<b>{actor.full_name}</b><br><span style='color:#5b6770'>"
                     f"{', '.join(actor.role_labels)}</span>")
        who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(who)
        row.addSpacing(12)
        self.lock_button = QPushButton("Vergrendelen")
        self.lock_button.setToolTip("Scherm vergrendelen (Ctrl+L)")
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.lock_button.clicked.connect(self.context.lock_requested.emit)
        row.addWidget(self.lock_button)
        return bar

    def _school_widget(self) -> QWidget:
        schools = self.context.schools
        if len(schools) <= 1:
            self.school_selector: QComboBox | None = None
            text = schools[0].label if schools else "Geen school"
            self.school_label = label(text, wrap=False)
            set_font_size(self.school_label, 11)
            return self.school_label
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        caption = label("School:", wrap=False)
        self.school_selector = QComboBox()
        self.school_selector.addItem("Alle scholen", None)
        for school in schools:
            self.school_selector.addItem(school.label, school.id)
        caption.setBuddy(self.school_selector)
        self.school_selector.currentIndexChanged.connect(
            lambda index: self.context.set_school_id(self.school_selector.itemData(index)))
        row.addWidget(caption)
        row.addWidget(self.school_selector)
        return box

    # Pages -------------------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def current_key(self) -> str | None:
        item = self.navigation.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    def open_page(self, key: str) -> bool:
        """Show the page with this key; False when this user has no such page. "documenten#Medewerkers"
        also brings that tab of the area to the front."""
        key, _, tab = key.partition("#")
        keys = self.page_keys()
        if key not in keys:
            return False
        self.navigation.setCurrentRow(keys.index(key))
        show_tab = getattr(self.page(key), "show_tab", None)
        if tab and callable(show_tab):
            show_tab(tab)
        return True

    def page(self, key: str) -> QWidget:
        """The page widget, built on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.context)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        widget = self.page(self.specs[row].key)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
        self.stack.setCurrentWidget(widget)

    # Remembered layout ---------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_screen()
        splitter = self.settings.value("main/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        last = self.settings.value("main/page")
        if not (isinstance(last, str) and self.open_page(last)) and self.specs:
            self.navigation.setCurrentRow(0)

    def _fit_screen(self) -> None:
        """The first window fills the screen it opens on (a 1366x768 laptop minus its taskbar), up to a
        comfortable 1400x900 on a large monitor."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1200, 700)
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(1400, free.width() - max(frame.width(), 0))
        height = min(900, free.height() - max(frame.height(), 30))
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        self.move(free.x() + (free.width() - self.width()) // 2, free.y())

    def save_layout(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        key = self.current_key()
        if key:
            self.settings.setValue("main/page", key)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
        self.closed.emit()
