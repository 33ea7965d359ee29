"""The command line loads only the command module it needs: none for the window, one for a command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ibp_desktop.cli import AREAS, COMMAND_AREAS, EXPORT_AREAS, build_parser


def _choices(parser_areas: tuple[str, ...]) -> tuple[set[str], set[str]]:
    import argparse
    import importlib

    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    exports = commands.add_parser("export").add_subparsers()
    for area in parser_areas:
        importlib.import_module(f"ibp_desktop.commands.{area}").add_commands(commands, exports)
    return set(commands.choices) - {"export"}, set(exports.choices)


@pytest.mark.parametrize("area", AREAS)
def test_every_listed_command_is_in_the_area_named(area: str) -> None:
    commands, documents = _choices((area,))
    assert {c for c, a in COMMAND_AREAS.items() if a == area} == commands
    assert {d for d, a in EXPORT_AREAS.items() if a == area} == documents


def test_every_command_is_listed() -> None:
    """A command missing from the lists still works (every area is loaded), but slower: list it."""
    commands, documents = _choices(AREAS)
    assert commands == set(COMMAND_AREAS) and documents == set(EXPORT_AREAS)


def _loaded(argv: list[str]) -> list[str]:
    code = (
        "import sys\n"
        "from ibp_desktop.cli import build_parser\n"
        f"build_parser({argv!r}).parse_args({argv!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith('ibp_desktop.commands.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return [m.removeprefix("ibp_desktop.commands.") for m in eval(result.stdout)]  # a printed list


def test_the_window_loads_no_command_module() -> None:
    assert _loaded(["--data-dir", "/tmp/x"]) == ["common"]


def test_a_command_loads_only_its_own_module() -> None:
    """Its own module and the helpers every command shares (common, school_command), no other command."""
    argv = [
        "--data-dir",
        "/tmp/x",
        "export",
        "consent-overview",
        "--user",
        "u",
        "--brin",
        "12AB",
        "-o",
        "x.pdf",
    ]
    assert _loaded(argv) == ["common", "consent", "school_command"]
    assert _loaded(["users", "list", "--user", "beheer"]) == ["common", "foundation"]


def test_help_still_lists_every_command() -> None:
    text = build_parser(["--help"]).format_help()
    assert "import-pupils" in text and "retention" in text and "export" in text


def test_an_unknown_option_alone_is_refused_with_the_commands_in_the_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser(["--bogus"]).parse_args(["--bogus"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in error
    assert "COMMAND" in error
