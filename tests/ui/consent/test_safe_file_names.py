"""Every suggested file name is safe, for every demo group (issue 16: group 1/2a saved as "2a.pdf" in
the home folder), and lands in the folder the user saved in last."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ibp_desktop.core.file_names import FORBIDDEN
from ibp_desktop.services.demo.data import GROUP_NAMES
from tests.ui.consent.conftest import ConsentSession
from tests.ui.consent.test_groups_and_campaign import open_groups

PACKAGE = Path(__file__).parents[3] / "ibp_desktop"


def test_only_one_place_asks_where_to_save() -> None:
    """Every "Opslaan als" goes through ui/save_as.py, which makes the suggested name safe."""
    callers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "getSaveFileName":
                callers.append(path.relative_to(PACKAGE).as_posix())
    assert callers == ["ui/save_as.py"]


def test_group_overview_suggests_a_safe_name_in_the_last_folder(
    qtbot: QtBot, consent_session: Callable[[str], ConsentSession], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = consent_session("administratie")
    asked: list[str] = []
    chosen = tmp_path / "gekozen map"
    chosen.mkdir()

    def fake_dialog(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(chosen / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    said: list[str] = []
    monkeypatch.setattr("ibp_desktop.ui.ops.show_info", lambda _parent, text, *_a: said.append(text))
    for group in GROUP_NAMES:
        tab = open_groups(qtbot, session, group)
        tab.save_overview()
        target = Path(asked[-1])
        assert not any(ch in FORBIDDEN for ch in target.name), target.name
        assert group.replace("/", "-") in target.name
        saved = chosen / target.name
        qtbot.waitUntil(lambda: bool(said) and str(saved) in said[-1], timeout=20_000)  # noqa: B023
        assert saved.exists()
        tab.close()
    assert all(Path(name).parent == chosen for name in asked[1:])  # the folder used last
    text = PdfReader(chosen / Path(asked[0]).name).pages[0].extract_text()
    assert GROUP_NAMES[0] in text
