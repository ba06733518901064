"""The body editor (django-prose-editor) driven in headless Chromium: what a
writer does with it ends up on the public page as clean HTML, under the
site's real Content-Security-Policy, and the edit page passes axe."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from articles.models import Article
from images.models import LibraryImage
from newsroom.workflow import article_publish
from tests.browser.conftest import run_axe, screenshot
from tests.factories import PASSWORD, make_article, make_author, make_official, make_user, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""

# What Word puts on the clipboard: classes, mso- styles, spans, a comment,
# and (from a hostile page) a script and an event handler.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head>
<body><!--StartFragment--><h2 class="MsoHeading2" style="mso-outline-level:2"><span style="mso-fareast-font-family:Calibri">Export licences</span></h2>
<p class="MsoNormal" style="margin:0cm;mso-line-height-alt:12pt"><span lang="EN-GB" style="font-size:11.0pt;font-family:Calibri;mso-bidi-font-family:Arial">Licences now take <b style="mso-bidi-font-weight:normal">45 days</b> to issue.</span><o:p></o:p></p>
<ul style="margin-top:0cm" type="disc"><li class="MsoListParagraph" style="mso-list:l0 level1 lfo1"><span style="font-family:Symbol">Gallium</span></li><li class="MsoListParagraph" style="mso-list:l0 level1 lfo1">Germanium</li></ul>
<p onclick="alert(1)">Clean <script>alert(2)</script>text</p><!--EndFragment--></body></html>"""

PASTE = """([html]) => {
  const target = document.querySelector('.prose-editor [contenteditable=true]');
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', 'pasted');
  target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _login(page, live_server, next_path):
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def _editor(page):
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.wait_for()
    return editor


def _menu(page, name):
    page.locator(f".prose-editor .prose-menubar [data-name='{name}']").click()


def test_writer_formats_a_story_and_readers_get_clean_html(live_server, page):
    chief = make_user("chief", superuser=True)
    page.add_init_script(WATCH)
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, live_server, "/admin/articles/article/add/")
    page.get_by_label("Title:").fill("Quotas rise for 2027")
    editor = _editor(page)
    editor.click()

    # A heading from the block-type menu.
    page.keyboard.type("The new quotas")
    page.locator(".prose-editor .prose-menubar__selected").click()
    page.locator(".prose-editor .prose-menubar__picker [data-name=heading2]").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")

    # A paragraph with one word in bold.
    page.keyboard.type("Beijing raised the mining quota ")
    _menu(page, "bold")
    page.keyboard.type("sharply")
    _menu(page, "bold")
    page.keyboard.type(" this year.")
    page.keyboard.press("Enter")

    # A link through the link dialog.
    page.keyboard.type("Read the ministry notice")
    editor.get_by_text("Read the ministry notice").wait_for()
    page.keyboard.press("Shift+Home")
    page.wait_for_function("() => getSelection().toString() === 'Read the ministry notice'")
    _menu(page, "link")
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill("https://www.miit.gov.cn/notice")
    dialog.get_by_role("button", name="Update").click()
    editor.locator("a[href='https://www.miit.gov.cn/notice']").wait_for()
    # The dialog gives the focus back to the editor in its own time: put the
    # cursor at the end of the story (the link's paragraph) before typing on.
    page.evaluate("document.querySelector('.prose-editor [contenteditable=true]').editor.commands.focus('end')")
    page.keyboard.press("Enter")

    # Word's clipboard, pasted into an empty paragraph.
    page.evaluate(PASTE, [WORD_HTML])
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")

    # A 2×3 table with a header row.
    _menu(page, "table")
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("Rows").fill("2")
    dialog.get_by_label("Columns").fill("3")
    dialog.get_by_label("Include header row").select_option("Yes")
    dialog.get_by_role("button", name="Insert Table").click()
    for i, text in enumerate(["Metal", "2026", "2027", "NdPr", "140", "170"]):
        if i:
            page.keyboard.press("Tab")
        page.keyboard.type(text)

    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "desk17-editor-typed")

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")
    article = Article.objects.get(title="Quotas rise for 2027")
    body = article.body
    assert "<h2>The new quotas</h2>" in body
    assert "<strong>sharply</strong>" in body
    assert '<a href="https://www.miit.gov.cn/notice">Read the ministry notice</a>' in body
    table = re.search(r"<table>.*</table>", body, re.S).group(0)
    assert table.count("<tr>") == 2 and table.count("<th") == 3 and table.count("<td") == 3
    assert "<h2>Export licences</h2>" in body
    assert "<strong>45 days</strong>" in body
    assert re.search(r"<ul><li><p>Gallium</p></li><li><p>Germanium</p></li></ul>", body)
    for residue in ("mso-", "Mso", "<span", "style=", "class=", "onclick", "<script", "alert(", "<!--", "o:p"):
        assert residue not in body, residue
    assert page.evaluate("window.__cspViolations") == []

    # The story reopens in the editor as saved.
    assert "Export licences" in _editor(page).inner_text()

    article_publish(article=article, user=chief, override_reason="Browser test")
    page.goto(live_server.url + article.get_absolute_url())
    html = page.locator(".body").inner_html()
    assert "<strong>sharply</strong>" in html
    link = page.get_by_role("link", name="Read the ministry notice")
    assert link.get_attribute("target") == "_blank"
    assert page.get_by_role("columnheader", name="2027").count() == 1
    assert page.get_by_role("cell", name="170").count() == 1
    assert "mso-" not in page.content()
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "desk17-public-from-editor")


def test_existing_body_opens_in_the_editor_without_loss(live_server, page):
    make_user("chief", superuser=True)
    body = ('<h2>Glossary</h2><dl><dt>REO</dt><dd>Rare earth oxide, the unit of grades.</dd></dl>'
            '<table><caption>Prices</caption><thead><tr><th scope="col">Metal</th><th scope="col">Price</th></tr></thead>'
            '<tbody><tr><td>NdPr</td><td colspan="1">600</td></tr></tbody></table>'
            '<blockquote><p>Quoted.</p></blockquote><ol><li><p>One</p></li></ol><hr>')
    article = make_article("Glossary story", body=body, status=Article.Status.DRAFT)
    page.add_init_script(WATCH)
    _login(page, live_server, f"/admin/articles/article/{article.pk}/change/")
    editor = _editor(page)
    for selector in ["dl dt", "dl dd", "th[scope=col]", "blockquote", "ol li", "hr"]:
        assert editor.locator(selector).count() >= 1, selector
    # Saving it untouched keeps the same structure.
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    for fragment in ["<dl><dt>REO</dt><dd>", '<table><caption>Prices</caption>', '<th scope="col">Metal</th>',
                     "<blockquote>", "<hr>"]:
        assert fragment in article.body, fragment
    assert page.evaluate("window.__cspViolations") == []


def test_edit_and_add_pages_have_no_serious_or_critical_axe_findings(live_server, page):
    chief = make_user("chief", superuser=True)
    article = make_article("Axe story", body="<p>Text</p>", status=Article.Status.DRAFT,
                           authors=[make_author("Li Wei", user=chief)], officials=[make_official("Sun Shaocheng")])
    _login(page, live_server, f"/admin/articles/article/{article.pk}/change/")
    found = {}
    for path in [f"/admin/articles/article/{article.pk}/change/", "/admin/articles/article/add/"]:
        page.goto(live_server.url + path)
        _editor(page)
        page.locator(".select2-container").first.wait_for()
        page.wait_for_timeout(200)  # the labels are set on the next animation frame
        found[path] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
                       for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert found == {p: [] for p in found}


def test_writer_places_a_picture_from_the_library(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    chief = make_user("chief", superuser=True)
    with transaction.atomic():  # as the admin saves it: the renditions task runs on commit
        picture = LibraryImage.objects.create(
            file=SimpleUploadedFile("mine.png", png_bytes(1200, 800), content_type="image/png"),
            alt_text="Ore trucks at the Bayan Obo mine", caption="Bayan Obo in May", credit="Xinhua")
    page.add_init_script(WATCH)
    _login(page, live_server, "/admin/articles/article/add/")
    page.get_by_label("Title:").fill("The mine at Bayan Obo")
    _editor(page).click()
    page.keyboard.type("Trucks queue at the pit.")
    page.get_by_text("Insert an image from the library").click()
    page.get_by_role("button", name="Insert: Ore trucks at the Bayan Obo mine").click()
    assert _editor(page).locator("figure[data-library-image] img").get_attribute("alt") == picture.alt_text
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")
    article = Article.objects.get(title="The mine at Bayan Obo")
    assert f'<figure data-library-image="{picture.pk}"><img src="' in article.body
    assert "<figcaption>Bayan Obo in May</figcaption></figure>" in article.body

    article_publish(article=article, user=chief, override_reason="Browser test")
    page.goto(live_server.url + article.get_absolute_url())
    figure = page.locator(".body figure.library-figure")
    assert figure.locator("img").get_attribute("loading") == "lazy"
    assert figure.locator("img").get_attribute("width") == "1200"
    assert figure.locator("source[type='image/webp']").get_attribute("srcset").endswith("1200w")
    assert " ".join(figure.locator("figcaption").text_content().split()) == "Bayan Obo in May Xinhua"
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "desk17-public-library-figure")
