"""A password-protected WordPress post is imported as a draft, even when
WordPress exported it without a date (it then has nothing to publish at)."""

from __future__ import annotations

import pytest

from articles.models import Article

from .importing import run, summary_count

pytestmark = pytest.mark.django_db

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Baotou Metals Monitor</title>
  <link>https://monitor.example.org</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://monitor.example.org</wp:base_site_url>
  <wp:base_blog_url>https://monitor.example.org</wp:base_blog_url>
  <item>
    <title><![CDATA[Subscriber briefing: April prices]]></title>
    <link>https://monitor.example.org/?p=120</link>
    <dc:creator><![CDATA[hkarlsson]]></dc:creator>
    <guid isPermaLink="false">https://monitor.example.org/?p=120</guid>
    <content:encoded><![CDATA[<p>For subscribers only.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>120</wp:post_id>
    <wp:post_date><![CDATA[0000-00-00 00:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[subscriber-briefing-april]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:post_password><![CDATA[rare-earth-2024]]></wp:post_password>
  </item>
</channel>
</rss>
"""


@pytest.mark.parametrize("date_gmt", ["0000-00-00 00:00:00", ""])
def test_an_undated_password_protected_post_becomes_a_draft(tmp_path, date_gmt):
    path = tmp_path / "protected.xml"
    path.write_text(WXR.replace("0000-00-00 00:00:00", date_gmt), encoding="utf-8")

    out, _ = run("import_wordpress", path)

    assert summary_count(out, "failed") == 0, out
    article = Article.objects.get(title="Subscriber briefing: April prices")
    assert (article.status, article.published_at) == ("draft", None)
    assert "password-protected post imported as a draft: 1" in out
