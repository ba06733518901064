"""One definition of rich text: the editor's configuration
(core/richtext.py) decides what the sanitizer keeps; existing bodies pass
through unchanged; and whatever is posted through the admin's save path, the
stored and the rendered body are inert."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from articles.models import Article
from core.richtext import BODY_EXTENSIONS, TAG_ALIASES, URL_SCHEMES, body_allowlist
from core.sanitize import sanitize_html
from core.templatetags.reader import reader_html
from tests.factories import make_article, make_user
from tests.newsroom.admin_forms import change_form_data
from tests.security.payloads import PAYLOADS

STORY_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "figure", "img", "figcaption",
}


def test_the_sanitizer_keeps_exactly_what_the_editor_makes():
    tags, attributes = body_allowlist()
    assert tags == STORY_TAGS
    assert attributes["a"] == {"href", "title"}  # no target/rel: added when rendered
    assert attributes["th"] == {"scope", "colspan", "rowspan"}
    assert set(attributes) <= tags


@pytest.mark.django_db
def test_the_admin_body_field_is_the_editor_with_that_configuration(client):
    client.force_login(make_user("chief", superuser=True))
    response = client.get("/admin/articles/article/add/")
    field = response.context["adminform"].form.fields["body"]
    config = json.loads(field.widget.get_context("body", "", {})["widget"]["attrs"][
        "data-django-prose-editor-configurable"])
    assert {k: v for k, v in config["extensions"].items() if k in BODY_EXTENSIONS} == json.loads(
        json.dumps(BODY_EXTENSIONS))
    assert config["js_modules"] == [settings.STATIC_URL + "admin_extra/prose_extensions.js"]
    # Its import map carries the request's nonce, which the policy lists.
    nonce = response.content.decode().split('<script type="importmap" nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    # The form sanitizes too, whatever the widget sent.
    assert field.clean('<p onclick="x()" style="color:red">Hi<script>alert(1)</script></p>') == "<p>Hi</p>"


def _demo_bodies() -> list[str]:
    path = Path(settings.BASE_DIR) / "demo" / "data" / "articles.jsonl"
    return [json.loads(line)["body_html"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _normalised(html: str) -> str:
    return " ".join(html.replace("<br/>", "<br>").replace("<hr/>", "<hr>").split()).replace("> <", "><")


@pytest.mark.parametrize("index", range(len(_demo_bodies())))
def test_every_demo_body_passes_the_sanitizer_unchanged(index):
    body = _demo_bodies()[index]
    assert _normalised(sanitize_html(body)) == _normalised(body)


def test_old_tags_become_their_twins_not_bare_text():
    html = "<h1>Top</h1><p><b>Bold</b> and <I>italic</I></p><h5>Small</h5><h6>Smaller</h6>"
    assert sanitize_html(html) == (
        "<h2>Top</h2><p><strong>Bold</strong> and <em>italic</em></p><h4>Small</h4><h4>Smaller</h4>"
    )
    assert set(TAG_ALIASES.values()) <= STORY_TAGS


def test_word_and_google_docs_markup_keeps_its_structure_only():
    word = ('<p class="MsoNormal" style="mso-line-height-alt:12pt"><span lang="EN-GB" style="font-size:11pt">'
            'Output <b style="mso-bidi-font-weight:normal">rose</b></span><o:p></o:p></p>'
            '<table class="MsoTableGrid" style="border-collapse:collapse"><tr><td style="width:100pt">1</td></tr>'
            '</table><ul><li class="MsoListParagraph"><span>One</span></li></ul>')
    assert sanitize_html(word) == "<p>Output <strong>rose</strong></p><table><tbody><tr><td>1</td></tr></tbody></table><ul><li>One</li></ul>"


# ---------------------------------------------------------------- XSS suite

class _Audit(HTMLParser):
    """Every element and attribute in a fragment, as a browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(html: str, *, rendered: bool = False) -> None:
    tags, attributes = body_allowlist()
    audit = _Audit()
    audit.feed(html)
    for tag, attrs in audit.found:
        extra = {"a": {"target", "rel"}, "span": {"class"}, "div": {"class", "role", "tabindex", "aria-label"}}
        allowed_tags = tags | ({"span", "div"} if rendered else set())
        assert tag in allowed_tags, (tag, html)
        for name, value in attrs.items():
            assert name in attributes.get(tag, set()) | (extra.get(tag, set()) if rendered else set()), (tag, name)
            assert not name.startswith("on")
            if name == "href":
                scheme = urlsplit(value or "").scheme
                assert scheme in ("", *URL_SCHEMES), value
    lowered = html.lower()
    for marker in ("<script", "javascript:", "vbscript:", "data:", "<svg", "<iframe", "<style", "<object"):
        assert marker not in lowered, (marker, html)


# Payloads inside every tag and attribute the editor writes...
EMITTED = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://example.com/" onmouseover="alert(1)" title="&quot;><script>alert(1)</script>">x</a>',
    '<a href="https://example.com/" target="_blank" rel="opener" style="position:fixed">x</a>',
    '<h2 onclick="alert(1)" id="x" class="y">t</h2>',
    '<p style="background:url(javascript:alert(1))">t</p>',
    '<strong onmouseover=alert(1)>t</strong><em onfocus=alert(1) autofocus tabindex=1>t</em>',
    '<ol start="1" type="javascript:alert(1)" onclick="alert(1)"><li onclick="alert(1)">t</li></ol>',
    '<blockquote cite="javascript:alert(1)">t</blockquote>',
    '<table onmouseover="alert(1)"><caption onclick="alert(1)"><script>alert(1)</script>c</caption>'
    '<tr><th scope="col" onclick="alert(1)">h</th><td colspan="2" onclick="alert(1)">d</td></tr></table>',
    '<td colspan="1 onmouseover=alert(1)">x</td>',
    '<dl><dt onclick="alert(1)">t</dt><dd onclick="alert(1)">d</dd></dl>',
    '<hr onclick="alert(1)"><br onclick="alert(1)">',
    '<figure data-library-image="1 onmouseover=alert(1)" onclick="alert(1)"><img src="javascript:alert(1)" '
    'alt="&quot; onerror=&quot;alert(1)" width="1 onload=alert(1)" onerror="alert(1)">'
    '<figcaption onclick="alert(1)"><script>alert(1)</script>c</figcaption></figure>',
    '<figure data-library-image="2"><img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x"></figure>',
]
# ... and ones it never writes.
NOT_EMITTED = [
    "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<form action=javascript:alert(1)><button>",
    "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>", "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<style>*{background:url(x)}</style>",
    "<details open ontoggle=alert(1)>", "<video><source onerror=alert(1)>", "<input autofocus onfocus=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<!--<img src=x onerror=alert(1)>-->",
    "<template><script>alert(1)</script></template>", "<a href=\"https://x/\"><span style=x>s</span></a>",
]


@pytest.mark.django_db
def test_every_payload_through_the_admin_save_path_comes_out_inert(client):
    editor = make_user("chief", superuser=True)
    client.force_login(editor)
    article = make_article("XSS target", status=Article.Status.DRAFT, body="<p>Start</p>")
    url = f"/admin/articles/article/{article.pk}/change/"
    for payload in [*EMITTED, *NOT_EMITTED, *PAYLOADS]:
        data = change_form_data(client.get(url), body=f"<p>Before</p>{payload}<p>After</p>")
        data["_continue"] = "1"
        response = client.post(url, data)
        assert response.status_code == 302, (payload, response.status_code)
        article.refresh_from_db()
        # (An unclosed <iframe> or <noscript> swallows what follows, as in a browser.)
        assert article.body.startswith("<p>Before</p>"), payload
        assert_inert(article.body)
        assert_inert(reader_html(article.body), rendered=True)
