"""A page drawn for a preview ("what the other parent sees") is the other party's page
exactly, with its controls switched off: links lose their address (they would lead to
the viewer's own pages, not the other party's), form controls are disabled and hidden
fields (the CSRF token among them) are dropped. Everything else passes through
unchanged, byte for byte."""

from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

CONTROLS = {"button", "input", "select", "textarea"}


def _tag(name, attrs, closed=False):
    parts = [name]
    for key, value in attrs:
        parts.append(key if value is None else f'{key}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if closed else ">")


class _Inert(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []

    def _start(self, tag, attrs, closed):
        if tag == "a" and any(key == "href" for key, _value in attrs):
            return _tag(tag, [(k, v) for k, v in attrs if k != "href"], closed)
        if tag == "input" and dict(attrs).get("type") == "hidden":
            return ""
        if tag in CONTROLS and not any(key == "disabled" for key, _value in attrs):
            return _tag(tag, [*attrs, ("disabled", None)], closed)
        return self.get_starttag_text()

    def handle_starttag(self, tag, attrs):
        self.out.append(self._start(tag, attrs, closed=False))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._start(tag, attrs, closed=True))

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def without_controls(html):
    """`html` (a page's content, already drawn by a template) with its links and
    controls off. Anything not yet escaped is escaped first."""
    parser = _Inert()
    parser.feed(str(html) if isinstance(html, Markup) else escape(str(html)))
    parser.close()
    # The template's own escaped output, with attribute values escaped again above.
    return Markup("".join(parser.out))  # noqa: S704
