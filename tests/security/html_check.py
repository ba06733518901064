"""A strict reading of rendered HTML: anything that could run script."""

from html.parser import HTMLParser

# Elements our own pages never use; forms, inputs, meta and inline SVG
# diagrams are ours, so for them only the attributes are checked.
DANGEROUS_TAGS = {"iframe", "object", "embed", "math", "base", "style", "noscript", "frame", "frameset",
                  "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:image/svg")


class _Scanner(HTMLParser):
    def __init__(self, allowed_tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        if tag == "script":
            # Ours: files from our own origin (/static/, /admin/jsi18n/),
            # JSON-LD data blocks, and the body editor's import map (JSON
            # naming our static files; admitted by the CSP only with the
            # request's nonce). "//host/x.js" is another origin.
            src = attrs_d.get("src") or ""
            own_file = src.startswith("/") and not src.startswith("//")
            import_map = attrs_d.get("type") == "importmap" and bool(attrs_d.get("nonce"))
            if not (attrs_d.get("type") == "application/ld+json" or own_file or import_map):
                self.problems.append(f"<script {attrs_d}>")
        elif tag in DANGEROUS_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value:
                v = "".join(value.split()).lower()
                if v.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
            if (tag == "meta" and name == "content" and value and "javascript:" in value.lower()
                    and (attrs_d.get("http-equiv") or "").lower() == "refresh"):
                self.problems.append("<meta refresh to javascript:>")
            if name == "style" and value and "javascript" in value.lower():
                self.problems.append(f"<{tag} style=javascript>")

    handle_startendtag = handle_starttag


def script_problems(html: str, allowed_tags: set[str] = frozenset()) -> list[str]:
    """Executable constructs found in ``html`` (empty list when safe)."""
    scanner = _Scanner(set(allowed_tags))
    scanner.feed(html)
    scanner.close()
    return scanner.problems
