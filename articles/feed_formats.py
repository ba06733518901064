"""The three feed formats the site publishes, as Django feed generators.

Django's syndication framework builds the item dicts; these classes write
them as RSS 2.0 (with ``content:encoded``, ``dc:creator`` per author and a
Media RSS element), Atom 1.0 (with ``content`` and one ``author`` per author)
and JSON Feed 1.1 (which Django does not ship).

Extra item keys the generators read (given by ``item_extra_kwargs``):
``content_html`` (full HTML, absolute URLs), ``summary_text`` (plain text),
``authors`` (list of ``{"name", "url"}``) and ``image`` (``{"url", "type",
"bytes", "width", "height", "description", "credit"}`` or None).
"""

from __future__ import annotations

import json

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed, rfc3339_date

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _media_content(handler, image: dict | None) -> None:
    if not image:
        return
    attrs = {"url": image["url"], "type": image["type"], "medium": "image"}
    if image.get("bytes"):
        attrs["fileSize"] = str(image["bytes"])
    for key in ("width", "height"):
        if image.get(key):
            attrs[key] = str(image[key])
    handler.startElement("media:content", attrs)
    if image.get("description"):
        handler.addQuickElement("media:description", image["description"], {"type": "plain"})
    if image.get("credit"):
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class RssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full article in ``content:encoded``."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        # RSS's own <author> must be an e-mail address; bylines are names.
        for author in item.get("authors") or ():
            handler.addQuickElement("dc:creator", author["name"])
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        _media_content(handler, item.get("image"))


class AtomFeed(Atom1Feed):
    """Atom 1.0 with the full article in ``content``."""

    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        for author in item.get("authors") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author.get("url"):
                handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _media_content(handler, item.get("image"))


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding: str) -> None:
        feed = self.feed
        doc: dict = {
            "version": JSON_FEED_VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
        }
        if feed.get("language"):
            doc["language"] = feed["language"]
        if feed.get("author_name"):
            doc["authors"] = [{"name": feed["author_name"], "url": feed.get("author_link") or feed["link"]}]
        doc["items"] = [self._item(item) for item in self.items]
        outfile.write(json.dumps(doc, ensure_ascii=False, indent=1).encode(encoding))

    def _item(self, item: dict) -> dict:
        out: dict = {"id": item["unique_id"] or item["link"], "url": item["link"], "title": item["title"]}
        out["content_html"] = item.get("content_html") or item["description"] or ""
        if item.get("summary_text"):
            out["summary"] = item["summary_text"]
        image = item.get("image")
        if image:
            out["image"] = image["url"]
        if item["pubdate"]:
            out["date_published"] = rfc3339_date(item["pubdate"])
        if item["updateddate"]:
            out["date_modified"] = rfc3339_date(item["updateddate"])
        authors = [{k: v for k, v in a.items() if v} for a in item.get("authors") or ()]
        if authors:
            out["authors"] = authors
        if item["categories"]:
            out["tags"] = list(item["categories"])
        if item["enclosures"]:
            out["attachments"] = [
                {"url": e.url, "mime_type": e.mime_type, "size_in_bytes": int(e.length)}
                for e in item["enclosures"]
            ]
        return out
