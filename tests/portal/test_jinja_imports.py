"""Pages import their macros through the portal's template class, which answers Jinja's
"does the importing page bring new globals?" with one set difference: the answer, and
so what the macros see, is Jinja's own."""

from jinja2 import DictLoader, Environment

from cms_portal.jinja2 import PortalTemplate

TEMPLATES = {
    "macros.html": "{% macro who() %}{{ greeting }} {{ name }}{% endmacro %}",
    "page.html": '{% from "macros.html" import who %}{{ who() }}',
}


def _environments():
    portal = Environment(loader=DictLoader(TEMPLATES))
    portal.template_class = PortalTemplate
    return portal, Environment(loader=DictLoader(TEMPLATES))


def test_the_portal_environment_uses_it():
    from django.template import engines

    template = engines["jinja2"].env.get_template("pages/signed_out.html")
    assert isinstance(template, PortalTemplate)


def test_imports_see_the_same_globals_as_with_jinjas_own_template():
    for shared in ({"greeting": "Hello"}, {}):
        results = []
        for env in _environments():
            env.globals.update(shared, name="world")
            page = env.get_template("page.html")
            extra = env.get_template("page.html", globals={"greeting": "Croeso"})
            results.append((page.render(), page.render(name="ignored"), extra.render()))
        assert results[0] == results[1], results


def test_the_imported_module_is_kept_when_nothing_is_new():
    env = _environments()[0]
    env.globals["greeting"] = "Hello"
    macros = env.get_template("macros.html")
    page = env.get_template("page.html")
    context = page.new_context({})
    assert macros._get_default_module(context) is macros._get_default_module(context)
    assert macros._get_default_module(context) is macros.module
