#!/usr/bin/env bash
# Build the one-folder IBP Desktop bundle on Linux with PyInstaller (packaging/ibp_desktop.spec).
#
#   bash packaging/build.sh [--dist DIR] [--work DIR] [--archive]
#
#   --dist DIR   where the bundle goes (default: dist/); the program is DIR/ibp-desktop/ibp-desktop
#   --work DIR   PyInstaller's work folder (default: build/pyinstaller/)
#   --archive    also pack DIR/ibp-desktop-<version>-linux-<arch>.tar.gz
#
# Uses the virtual environment .venv (or $IBP_BUILD_VENV); when it is missing it is created from
# packaging/requirements.lock. The build tools come from packaging/requirements-build.lock; pip
# runs only when that lock changed since the last build. Afterwards the bundle is started once
# (`--help`) to catch a broken build early.
set -euo pipefail

say() { printf '[build] %s\n' "$*"; }
die() { printf '[build] error: %s\n' "$*" >&2; exit 1; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
ARCHIVE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) [ $# -ge 2 ] || die "--dist needs a folder"; DIST=$2; shift 2 ;;
        --work) [ $# -ge 2 ] || die "--work needs a folder"; WORK=$2; shift 2 ;;
        --archive) ARCHIVE=1; shift ;;
        -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
mkdir -p "$DIST" "$WORK"
DIST=$(cd "$DIST" && pwd)
WORK=$(cd "$WORK" && pwd)

VENV=${IBP_BUILD_VENV:-$ROOT/.venv}
PY="$VENV/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ ! -x "$PY" ]; then
    say "creating $VENV with packaging/requirements.lock"
    "${PYTHON:-python3}" -m venv "$VENV"
    "$PY" -m pip install --quiet -r packaging/requirements.lock
fi
"$PY" -c 'import PySide6, sqlcipher3, sqlalchemy, keyring' 2>/dev/null \
    || die "$VENV lacks the program's packages: $PY -m pip install -r packaging/requirements.lock"

STAMP="$VENV/.ibp-build-tools"
stamp=$(sha256sum packaging/requirements-build.lock | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$stamp" ]; then
    say "pip install -r packaging/requirements-build.lock"
    "$PY" -m pip install --quiet -r packaging/requirements-build.lock
    printf '%s\n' "$stamp" >"$STAMP"
fi

for icon in ibp-desktop.ico ibp-desktop.svg ibp-desktop-256.png; do
    [ -f "resources/icons/$icon" ] || die "resources/icons/$icon is missing: run $PY packaging/make_icons.py"
done

VERSION=$("$PY" packaging/project_version.py)
say "IBP Desktop $VERSION -> $DIST/ibp-desktop"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/ibp_desktop.spec
BUNDLE="$DIST/ibp-desktop"
cp packaging/linux/ibp-desktop.desktop "$BUNDLE/"
cp resources/icons/ibp-desktop.svg resources/icons/ibp-desktop-256.png "$BUNDLE/"
say "built in $(( $(date +%s) - start )) s; size $(du -sh "$BUNDLE" | cut -f1)"

QT_QPA_PLATFORM=offscreen "$BUNDLE/ibp-desktop" --help >/dev/null \
    || die "the built program does not start: $BUNDLE/ibp-desktop --help"
say "check: ibp-desktop --help works"

if [ "$ARCHIVE" -eq 1 ]; then
    tarball="$DIST/ibp-desktop-$VERSION-linux-$(uname -m).tar.gz"
    tar -C "$DIST" -czf "$tarball" ibp-desktop
    say "archive: $tarball"
fi
