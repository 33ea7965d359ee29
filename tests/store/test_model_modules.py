"""A command loads only the model modules it uses (store/schema.py, which loads them all, is for the
code that needs every table). That works because no relationship points into a module its own module
does not import; and the revision check on every start needs no model at all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from ibp_desktop.store.models import Base
from ibp_desktop.store.schema import metadata

ROOT = Path(__file__).resolve().parents[2]


def test_relationships_point_only_at_classes_their_module_has() -> None:
    assert metadata is Base.metadata
    strays = []
    for mapper in Base.registry.mappers:
        module = sys.modules[mapper.class_.__module__]
        for relation in mapper.relationships:
            target = relation.mapper.class_
            if getattr(module, target.__name__, None) is not target:
                strays.append(
                    f"{mapper.class_.__name__}.{relation.key} -> {target.__module__}.{target.__name__}"
                )
    assert strays == []


def test_each_model_module_works_without_the_others() -> None:
    """In a fresh process per module: import just that one and configure its mappers."""
    modules = sorted({mapper.class_.__module__ for mapper in Base.registry.mappers})
    code = (
        "import sys, importlib\n"
        "from sqlalchemy.orm import configure_mappers\n"
        "importlib.import_module(sys.argv[1])\n"
        "configure_mappers()\n"
        "assert 'ibp_desktop.store.schema' not in sys.modules\n"
    )
    for name in modules:
        done = subprocess.run(
            [sys.executable, "-c", code, name], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{name}: {done.stderr[-1500:]}"


def test_checking_the_revision_loads_no_model() -> None:
    code = (
        "import sys\n"
        "import ibp_desktop.store.migrate\n"
        "print(sorted(m for m in sys.modules if m.startswith('ibp_desktop.store.') and 'models' in m))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_program_has_every_model_before_its_first_query_and_a_command_only_its_own(
    tmp_path: Path,
) -> None:
    """The program's threads import page modules while others query; SQLAlchemy configures every
    mapper it knows at a query, so a model module half imported by another thread failed the login
    ("expression 'PolicyVersion.number' failed to locate a name"). open_location therefore loads all
    models by default; a command (one thread) opens with all_models=False."""
    from ibp_desktop.services.database.connection import Location
    from ibp_desktop.services.database.setup import NewSchool, initialise

    location = Location(data_dir=tmp_path / "data")
    result = initialise(
        location, NewSchool("Stichting", "OBS De Wilgen", "12AB", "eerste", "Eerste", "Lang-genoeg-1")
    )
    code = (
        "import sys\n"
        "from ibp_desktop.services.database.connection import Location, open_location\n"
        "from pathlib import Path\n"
        "database = open_location(Location(data_dir=Path(sys.argv[1])), recovery_key=sys.argv[2],"
        " all_models=sys.argv[3] == 'all')\n"
        "database.dispose()\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('ibp_desktop.store.')"
        " and m.endswith('models')))\n"
    )
    loaded = {}
    for kind in ("all", "own"):
        done = subprocess.run(
            [sys.executable, "-c", code, str(location.data_dir), result.recovery_key, kind],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        loaded[kind] = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    every = {Path(m.__file__).stem for m in _model_modules()}
    assert loaded["all"] == every
    assert loaded["own"] == {"models"}


def _model_modules() -> list[object]:
    return [sys.modules[name] for name in {m.class_.__module__ for m in Base.registry.mappers}]
