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

import io
import json
import re
from collections.abc import Callable
from xml.sax.saxutils import quoteattr

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed, rfc3339_date
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


# The characters XML 1.0 cannot carry, as Django's SimplerXMLGenerator checks
# them, but compiled once instead of looked up in re's cache per text node.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")
# The same characters as bytes, for one pass over a whole encoded document.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


class FastXMLGenerator(SimplerXMLGenerator):
    """Django's ``SimplerXMLGenerator`` with the same output, written with
    fewer calls: a feed has some 600 text elements, and the generic SAX path
    made four or five writes and as many method calls for each.

    With ``check_text=False`` text is not searched for control characters;
    the caller must then check the whole document (see ``_write_xml``)."""

    def __init__(self, out, encoding: str, *, check_text: bool = True, **kwargs) -> None:
        super().__init__(out, encoding, **kwargs)
        self._check_text = check_text

    def _text(self, content: str) -> str:
        """``content`` escaped for a text node, after closing a pending start tag."""
        if self._check_text and _CONTROL_CHARS.search(content):
            # Fail loudly, like Django: XML 1.0 has no control characters.
            raise UnserializableContentError("Control characters are not supported in XML 1.0")
        if self._pending_start_element:
            self._write(">")
            self._pending_start_element = False
        # xml.sax.saxutils.escape, inlined.
        return content.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")

    def characters(self, content) -> None:
        if content:
            if not isinstance(content, str):
                content = str(content, self._encoding)
            self._write(self._text(content))

    def startElement(self, name: str, attrs) -> None:
        if self._pending_start_element:
            self._write(">")
        if attrs:
            # Sorted, as Django does, for a deterministic output.
            self._write("<" + name + "".join(f" {key}={quoteattr(value)}" for key, value in sorted(attrs.items())))
        else:
            self._write("<" + name)
        self._pending_start_element = True

    def addQuickElement(self, name: str, contents=None, attrs=None) -> None:
        if attrs or not contents or not isinstance(contents, str):
            super().addQuickElement(name, contents, attrs)
            return
        # The common case, a text-only element without attributes, in one write.
        text = self._text(contents)
        self._write(f"<{name}>{text}</{name}>")


def _write_xml(outfile, encoding: str, write_document: Callable[[FastXMLGenerator], None]) -> None:
    """Run ``write_document`` with a generator and hand the result to
    ``outfile`` as Django's writer would have (unencodable characters as
    character references).

    A byte stream gets one write of the whole document instead of thousands
    through an encoding wrapper, and one control-character scan of the
    encoded bytes (a tenth of the cost of a regex per text node). Only if
    that finds one (or the encoding spells other characters with such bytes)
    is the document written again with the per-text check, which raises
    where Django's would; attribute values, which Django lets through,
    then pass as before."""
    if isinstance(outfile, io.TextIOBase):
        write_document(FastXMLGenerator(outfile, encoding, short_empty_elements=True))
        return
    buffer = io.StringIO()
    write_document(FastXMLGenerator(buffer, encoding, short_empty_elements=True, check_text=False))
    data = buffer.getvalue().encode(encoding, "xmlcharrefreplace")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        buffer = io.StringIO()
        write_document(FastXMLGenerator(buffer, encoding, short_empty_elements=True))
        data = buffer.getvalue().encode(encoding, "xmlcharrefreplace")
    outfile.write(data)


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

    def write(self, outfile, encoding: str) -> None:
        _write_xml(outfile, encoding, self._write_document)

    def _write_document(self, handler: FastXMLGenerator) -> None:
        # Django's Rss201rev2Feed.write, with the faster writer.
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

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

    def write(self, outfile, encoding: str) -> None:
        _write_xml(outfile, encoding, self._write_document)

    def _write_document(self, handler: FastXMLGenerator) -> None:
        # Django's Atom1Feed.write, with the faster writer.
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

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
