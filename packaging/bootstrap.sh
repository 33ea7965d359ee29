#!/usr/bin/env bash
# Install IBP Desktop for development and either open the demo school or run the test suite.
#
#   bash packaging/bootstrap.sh demo [ARGS...]   install, then: .venv/bin/ibp-desktop demo ARGS...
#   bash packaging/bootstrap.sh test [ARGS...]   install with test tools, then: ruff, mypy, pytest ARGS...
#
# Steps: check Python >= 3.11; on Debian/Ubuntu install the missing system packages (as root) or
# say which are missing (not root); create .venv in the repository root; install the pinned
# packages from packaging/requirements.lock (demo) or packaging/requirements-test.lock (test);
# install the project itself editable without dependencies. A second run with unchanged lock
# files and pyproject.toml skips pip entirely (IBP_BOOTSTRAP_FORCE=1 reinstalls anyway).
#
# Environment: PYTHON (interpreter to build .venv with, default python3).
#
# Regenerating the locks after a dependency change: install the new versions into .venv, then
# split `.venv/bin/pip freeze --exclude-editable` into the runtime closure of
# [project.dependencies] (requirements.lock) and the rest of the test extra's closure
# (requirements-test.lock), keeping the environment markers on the conditional dependencies.
set -euo pipefail

say() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: bash packaging/bootstrap.sh demo [ARGS...]   install and open the demo school
       bash packaging/bootstrap.sh test [ARGS...]   install with test tools and run ruff, mypy, pytest
EOF
    exit 2
}

[ $# -ge 1 ] || usage
MODE=$1
shift
case "$MODE" in
    demo | test) ;;
    -h | --help) usage ;;
    *) usage ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}

# --- Python ----------------------------------------------------------------------------------
command -v "$PYTHON" >/dev/null 2>&1 \
    || die "$PYTHON not found. Install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)."
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    die "Python 3.11 or newer is needed; $PYTHON is $("$PYTHON" -c 'import sys; print(sys.version.split()[0])')."
fi
say "python: $("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"

# --- system packages (Debian/Ubuntu) ---------------------------------------------------------
QT_OFFSCREEN_PKGS="libegl1 libgl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core"
QT_X11_PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
    libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libxcb-randr0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-render0"
TEST_PKGS="postgresql poppler-utils xvfb xauth"

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1
HAVE_APT=0
command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 && HAVE_APT=1
APT_UPDATED=0

installed() {
    dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Debian 13 and Ubuntu 24.04 renamed libraries for 64-bit time (libglib2.0-0 -> libglib2.0-0t64):
# either name counts as present, and the name this release knows is the one to install.
missing_pkgs() {
    local p
    for p in "$@"; do
        installed "$p" || installed "${p}t64" || printf '%s\n' "$(apt_name "$p")"
    done
}

apt_name() {
    if ! apt-cache show "$1" >/dev/null 2>&1 && apt-cache show "${1}t64" >/dev/null 2>&1; then
        printf '%s' "${1}t64"
    else
        printf '%s' "$1"
    fi
}

apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

INSTALL_LINE=""
if [ "$HAVE_APT" -eq 1 ]; then
    wanted="$QT_OFFSCREEN_PKGS $QT_X11_PKGS"
    [ "$MODE" = test ] && wanted="$wanted $TEST_PKGS"
    # Without ensurepip, `python3 -m venv` fails: ask for python3-venv in the same line, not a second round.
    if [ ! -e "$VENV" ] && ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        wanted="$wanted python3-venv"
    fi
    # shellcheck disable=SC2086  # word splitting of the package lists is intended
    mapfile -t MISSING < <(missing_pkgs $wanted)
    if [ "${#MISSING[@]}" -eq 0 ]; then
        say "system packages: all present"
    elif [ "$IS_ROOT" -eq 1 ]; then
        apt_install "${MISSING[@]}"
    else
        INSTALL_LINE="sudo apt-get update && sudo apt-get install -y ${MISSING[*]}"
        say "missing system packages (Qt, the venv or the tests need them). Run this one line, then this script again:"
        say "  $INSTALL_LINE"
    fi
else
    say "no apt-get: skipping the system package check (Qt needs EGL/GL, fontconfig, xkbcommon, dbus;"
    say "the PostgreSQL tests need the PostgreSQL server binaries)"
fi

# --- virtual environment ---------------------------------------------------------------------
venv_ok() {
    [ -x "$VENV/bin/python" ] \
        && "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
        && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if [ -e "$VENV" ] && ! venv_ok; then
    say "$VENV is broken or too old: recreating it"
    rm -rf "$VENV"
fi
if [ ! -e "$VENV" ]; then
    say "creating $VENV"
    venv_err=$(mktemp)
    if ! "$PYTHON" -m venv "$VENV" 2>"$venv_err"; then
        rm -rf "$VENV"
        if [ "$HAVE_APT" -eq 1 ] && [ "$IS_ROOT" -eq 1 ]; then
            say "python3 -m venv failed; installing python3-venv"
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        else
            cat "$venv_err" >&2
            rm -f "$venv_err"
            die "could not create a virtual environment; install the missing packages first: ${INSTALL_LINE:-sudo apt-get install -y python3-venv}"
        fi
    fi
    rm -f "$venv_err"
fi
venv_ok || die "the virtual environment $VENV does not work"

# --- Python packages -------------------------------------------------------------------------
if [ "$MODE" = test ]; then
    LOCK=packaging/requirements-test.lock
    STAMP_INPUTS=(packaging/requirements.lock packaging/requirements-test.lock pyproject.toml)
else
    LOCK=packaging/requirements.lock
    STAMP_INPUTS=(packaging/requirements.lock pyproject.toml)
fi
STAMP_FILE="$VENV/.ibp-bootstrap-$MODE"
stamp=$({ "$VENV/bin/python" -c 'import sys; print(sys.version)'; cat "${STAMP_INPUTS[@]}"; } | sha256sum | cut -d' ' -f1)

export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ "${IBP_BOOTSTRAP_FORCE:-0}" != 1 ] && [ -f "$STAMP_FILE" ] && [ "$(cat "$STAMP_FILE")" = "$stamp" ]; then
    say "python packages: up to date ($LOCK)"
else
    say "pip install -r $LOCK"
    "$VENV/bin/python" -m pip install --quiet -r "$LOCK"
    say "pip install --no-deps -e ."
    "$VENV/bin/python" -m pip install --quiet --no-deps -e .
    printf '%s\n' "$stamp" >"$STAMP_FILE"
fi

# --- run --------------------------------------------------------------------------------------
# Bytecode for the project itself (pip compiles the installed packages, not an editable checkout):
# where PYTHONDONTWRITEBYTECODE is set, every start (and every process the tests start) would
# otherwise compile the program's modules again.
"$VENV/bin/python" -m compileall -q -j 0 ibp_desktop tests >/dev/null || say "warning: compileall failed"

if [ "$MODE" = demo ]; then
    say "starting: ibp-desktop demo $*"
    exec "$VENV/bin/ibp-desktop" demo "$@"
fi

export QT_QPA_PLATFORM=offscreen
FAILED=()

say "ruff check ibp_desktop tests"
"$VENV/bin/ruff" check ibp_desktop tests || FAILED+=(ruff)

# mypy (about half a minute without its cache) runs beside pytest, whose workers leave CPU time over
# while they wait for subprocesses, PostgreSQL and Qt; its report is printed after pytest's.
MYPY_OUT=$(mktemp)
trap 'rm -f "$MYPY_OUT"' EXIT
say "mypy ibp_desktop (beside pytest; its report follows pytest's)"
"$VENV/bin/python" -m mypy ibp_desktop >"$MYPY_OUT" 2>&1 &
MYPY_PID=$!

say "pytest $*"
rc=0
"$VENV/bin/python" -m pytest "$@" || rc=$?

say "mypy ibp_desktop"
mypy_rc=0
wait "$MYPY_PID" || mypy_rc=$?
cat "$MYPY_OUT"
[ "$mypy_rc" -eq 0 ] || FAILED+=(mypy)
if [ "$rc" -eq 5 ]; then
    say "warning: pytest collected no tests"
elif [ "$rc" -ne 0 ]; then
    FAILED+=("pytest (exit $rc)")
fi

if [ "${#FAILED[@]}" -gt 0 ]; then
    say "FAILED: ${FAILED[*]}"
    exit 1
fi
