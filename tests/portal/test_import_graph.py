"""The apps stand in layers and depend one way only. Every import in our code (at module
level or inside a function) is read with `ast` and mapped to the layer of the module it
names; an import of a higher layer, or a cycle between layers, fails with the offenders.

From the bottom:
  calculation  the pure statutory engine (no Django)
  kernel       cms_portal.core and the portal's shared modules (audit, notify,
               formatting, staff roles, accounts, site pages); imports no app
  calculator   the calculator's pages (calculation's views, forms and presenters)
  casework     the caseworker queue
  cases        cases, parties, decisions, changes, messages
  payments     Collect and Pay money
  employers    employers and deduction orders
  journeys     applying, responding, variations, alerts
  parents      the parent-facing pages that compose cases, payments and employers
  project      cms_portal.urls and settings, which join the apps together
  nonprod      demo data and demo commands; only settings may name them (by string)

A lower layer that needs something from a higher one defines a small registry and the
higher app registers itself in its AppConfig.ready (cases.admin.overview's case sections,
payments.employer_money), or listens to a signal the lower one sends (decision_made)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "calculation",
    "cms_portal",
    "casework",
    "cases",
    "payments",
    "employers",
    "letters",
    "data_requests",
    "reform",
    "alerts",
    "hmrc_income",
    "arrears_plans",
    "complaints",
    "parents",
)
OPTIONAL_PACKAGES = ("nonprod",)

# Module prefix -> layer; the longest matching prefix wins.
LAYER_OF_PREFIX = {
    "calculation": "calculation",
    "calculation.apps": "calculator",
    "calculation.forms": "calculator",
    "calculation.management": "calculator",
    "calculation.presenters": "calculator",
    "calculation.urls": "calculator",
    "calculation.views": "calculator",
    "cms_portal": "kernel",
    "cms_portal.urls": "project",
    "cms_portal.settings": "project",
    "cms_portal.wsgi": "project",
    "casework": "casework",
    "cases": "cases",
    "payments": "payments",
    "employers": "employers",
    "applications": "journeys",
    "variations": "journeys",
    "arrears_plans": "journeys",
    "letters": "journeys",
    "data_requests": "journeys",
    "reform": "journeys",
    "alerts": "journeys",
    "hmrc_income": "journeys",
    "complaints": "journeys",
    "parents": "parents",
    "nonprod": "nonprod",
}
ORDER = [
    "calculation",
    "kernel",
    "calculator",
    "casework",
    "cases",
    "payments",
    "employers",
    "journeys",
    "parents",
    "project",
    "nonprod",
]
RANK = {layer: rank for rank, layer in enumerate(ORDER)}


def _is_demo(module):
    # Demo loaders and commands are non-production wherever they still live.
    last = module.rsplit(".", 1)[-1]
    return last.startswith("demo") or last == "load_demo_data"


def layer_of(module):
    if _is_demo(module):
        return "nonprod"
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        layer = LAYER_OF_PREFIX.get(".".join(parts[:length]))
        if layer is not None:
            return layer
    return None  # not our code (the standard library, Django, ...)


def our_modules():
    modules = {}
    for package in PACKAGES + OPTIONAL_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            modules[".".join(parts)] = (path, is_package)
    return modules


def imported_modules(name, path, is_package, known):
    """(line, module) for every import in the file, module- or function-level."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield node.lineno, submodule if submodule in known else target


def import_edges():
    known = our_modules()
    for name, (path, is_package) in known.items():
        for line, target in imported_modules(name, path, is_package, known):
            source_layer, target_layer = layer_of(name), layer_of(target)
            if target_layer is not None and source_layer != target_layer:
                yield f"{path.relative_to(ROOT)}:{line}", name, target, source_layer, target_layer


def _settings_naming_nonprod(name, target_layer):
    return target_layer == "nonprod" and name.startswith("cms_portal.settings")


def test_every_module_has_a_layer():
    assert [name for name in our_modules() if layer_of(name) is None] == []


def test_no_app_imports_a_layer_above_it():
    upward = sorted(
        {
            f"{where}: {name} ({source}) imports {target} ({higher})"
            for where, name, target, source, higher in import_edges()
            if RANK[higher] > RANK[source] and not _settings_naming_nonprod(name, higher)
        }
    )
    assert upward == [], "Imports of a higher layer:\n" + "\n".join(upward)


def test_no_cycle_between_layers():
    graph = {}
    for _where, _name, _target, source, target in import_edges():
        graph.setdefault(source, set()).add(target)
    cycles = []

    def visit(layer, path):
        for following in sorted(graph.get(layer, ())):
            if following in path:
                cycles.append(" -> ".join([*path[path.index(following) :], following]))
            elif len(path) < len(ORDER):
                visit(following, [*path, following])

    for layer in sorted(graph):
        visit(layer, [layer])
    assert cycles == [], "Cycles between layers:\n" + "\n".join(sorted(set(cycles)))


def test_the_check_sees_function_level_and_relative_imports(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from .models import Case\n"
        "def f():\n"
        "    from payments.presenters import position\n"
        "    import employers.models\n"
    )
    found = [
        target
        for _line, target in imported_modules(
            "cases.views.example", module, False, {"payments.presenters.position"}
        )
    ]
    assert found == ["cases.views.models", "payments.presenters.position", "employers.models"]
    assert [layer_of(target) for target in found] == ["cases", "payments", "employers"]
    assert layer_of("payments.demo") == "nonprod"
    assert layer_of("cms_portal.core.money") == "kernel"
    assert layer_of("calculation.views") == "calculator"
