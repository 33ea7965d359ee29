"""An area of the main window with a title, an optional one-line explanation and tabs. The tab in
front is refreshed each time the area or the tab is shown (the main window calls ``refresh``).

Tabs are built lazily: ``add_tab`` takes a factory, and the tab's widget is made the first time the tab
is shown or asked for (``tabs.widget(i)``, ``tabs.currentWidget()``, ``tab(title)``). A page with six
tabs then only builds the one in front on its first visit (issue 17: the window froze while all were
built). The tab bar (order, titles, mnemonics) is complete from the start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label

TabFactory = Callable[[], QWidget]


class _Holder(QWidget):
    """What the QTabWidget holds for a tab: empty until its widget is built, then only that widget."""

    def __init__(self, factory: TabFactory) -> None:
        super().__init__()
        self.factory: TabFactory | None = factory
        self.built: QWidget | None = None
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.built is None:
            assert self.factory is not None
            self.built, self.factory = self.factory(), None
            self.box.addWidget(self.built)
            if self.isVisible():
                self.built.show()
        return self.built

    def showEvent(self, event: QShowEvent) -> None:
        self.build()  # normally built already by the area's refresh; this is the safety net
        super().showEvent(event)


class LazyTabWidget(QTabWidget):
    """A QTabWidget whose tabs may be built on first use. Seen from Python, ``widget``,
    ``currentWidget``, ``indexOf`` and ``setCurrentWidget`` speak of the tabs' own widgets (asking for
    one builds it), so callers need not know about the holders."""

    def add_lazy(self, factory: TabFactory, title: str) -> int:
        return super().addTab(_Holder(factory), title)

    def widget(self, index: int, /) -> QWidget:
        held: QWidget | None = super().widget(index)  # None for an index out of range
        return held.build() if isinstance(held, _Holder) else held  # type: ignore[return-value]

    def currentWidget(self, /) -> QWidget:
        index = self.currentIndex()
        return self.widget(index) if index >= 0 else super().currentWidget()

    def indexOf(self, widget: QWidget, /) -> int:
        for index in range(self.count()):
            held = super().widget(index)
            if held is widget or (isinstance(held, _Holder) and held.built is widget):
                return index
        return -1

    def setCurrentWidget(self, widget: QWidget, /) -> None:
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)

    def is_built(self, index: int) -> bool:
        held = super().widget(index)
        return not isinstance(held, _Holder) or held.built is not None


class TabbedArea(QWidget):
    def __init__(self, context: AppContext, title: str, intro: str = "", *, place_tabs: bool = True) -> None:
        super().__init__()
        self.context = context
        self.area_layout = QVBoxLayout(self)
        self.area_layout.setContentsMargins(0, 18, 0, 0)
        self.area_layout.setSpacing(8)
        heading = label(title, "pageTitle")
        heading.setContentsMargins(28, 0, 28, 0)
        self.area_layout.addWidget(heading)
        if intro:
            explanation = label(intro, "muted")
            explanation.setContentsMargins(28, 0, 28, 4)
            self.area_layout.addWidget(explanation)
        self.tabs = LazyTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(title)
        if place_tabs:  # an area that wraps the tabs (e.g. in a stack) places them itself
            self.area_layout.addWidget(self.tabs, 1)

    def watch_tabs(self) -> None:
        """Call at the end of the subclass's __init__: from then on a tab is refreshed when chosen
        (not while the tabs are being added, which would load the first tab twice)."""
        self.tabs.currentChanged.connect(lambda _index: self.refresh())

    def add_tab(self, tab: QWidget | TabFactory, title: str) -> int:
        """A tab with its widget, or with a factory that builds the widget when the tab is first shown."""
        if isinstance(tab, QWidget):
            return self.tabs.addTab(tab, title)
        return self.tabs.add_lazy(tab, title)

    def tab(self, title: str) -> QWidget | None:
        """The widget of the tab with this title (built now if it was not yet); None when there is none."""
        index = self._index(title)
        return None if index < 0 else self.tabs.widget(index)

    def show_tab(self, title: str) -> bool:
        """Bring the tab with this title to the front; False when there is none."""
        index = self._index(title)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
        return index >= 0

    def _index(self, title: str) -> int:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                return index
        return -1

    def refresh(self) -> None:
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()
