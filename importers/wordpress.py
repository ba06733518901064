"""WordPress export (WXR 1.0, 1.1, 1.2) to import records.

The file is read with a streaming parser and each ``<item>`` is dropped once
turned into a record, so a multi-gigabyte export needs no more memory than a
small one. ``defusedxml`` refuses entity declarations and external
references, which blocks "billion laughs" expansion and reads of local files
through a crafted export.

Two passes: the first collects only attachments (id, URL, parent), because
WordPress writes an image after the post it belongs to; the second turns
posts into records. A file cut short yields every complete item before the
break, then one failure saying where the file ends.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as DET
from django.utils.text import slugify

from core.sanitize import html_to_text

from .records import (
    TAG_MAX_LENGTH,
    ArticleRecord,
    AssetRef,
    AuthorRef,
    Failed,
    Item,
    NotThisFormat,
    RecordError,
    Skipped,
    check_status,
    clean_names,
    clean_url,
)

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(1\.[0-2])/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"

STATUS_MAP = {"publish": "published", "future": "scheduled", "draft": "draft", "pending": "review"}
SKIPPED_STATUSES = {
    "private": "private post",
    "trash": "trashed post",
    "auto-draft": "auto-draft",
    "inherit": "revision",
}
SKIPPED_TYPES = {"page": "page (imported as a page: see the pages report)",
                 "nav_menu_item": "menu item (imported into navigation: see the menus report)",
                 "revision": "revision"}
TAG_DOMAINS = {None, "category", "post_tag", "tag"}
NO_DATE = "0000-00-00 00:00:00"


@functools.lru_cache(maxsize=512)
def short_name(tag: str) -> str:
    """``{http://wordpress.org/export/1.2/}post_id`` → ``wp:post_id``,
    whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if WP_NAMESPACE.match(uri):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(uri):
        return f"excerpt:{local}"
    if uri == CONTENT_NAMESPACE:
        return f"content:{local}"
    if uri == DC_NAMESPACE:
        return f"dc:{local}"
    return local


class _CountingFile:
    """A binary file that counts bytes read, for the progress bar."""

    def __init__(self, fh) -> None:
        self.fh = fh
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.bytes_read += len(data)
        return data


@dataclass
class _Attachment:
    url: str
    parent: str
    title: str
    alt: str = ""
    caption: str = ""


class WxrSource:
    """Iterates a WXR file as import items; see the module docstring."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        self.total_bytes = os.path.getsize(self.path)
        self._counter: _CountingFile | None = None
        self.version = ""
        self.base_url = ""
        self.channel_link = ""
        self.authors: dict[str, AuthorRef] = {}
        self.attachments: dict[str, _Attachment] = {}
        self.attachments_by_parent: dict[str, list[str]] = {}

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read if self._counter else 0

    def check_format(self) -> None:
        """Raise NotThisFormat unless the file starts like a WordPress export:
        an ``<rss>`` root declaring a WordPress export namespace."""
        try:
            with open(self.path, "rb") as fh:
                namespaces: list[str] = []
                for event, payload in DET.iterparse(fh, events=("start-ns", "start")):
                    if event == "start-ns":
                        namespaces.append(payload[1])
                        continue
                    if short_name(payload.tag) != "rss":
                        raise NotThisFormat(
                            f"{self.path} is not a WordPress export (WXR): its root element is "
                            f"<{short_name(payload.tag)}>, not <rss>"
                        )
                    versions = [m.group(1) for m in map(WP_NAMESPACE.match, namespaces) if m]
                    if not versions:
                        raise NotThisFormat(
                            f"{self.path} is an RSS file but not a WordPress export (WXR): "
                            "it declares no http://wordpress.org/export/1.x/ namespace"
                        )
                    self.version = versions[0]
                    return
        except ParseError as exc:
            raise NotThisFormat(f"{self.path} is not a WordPress export (WXR): it is not XML ({exc})") from None
        except defusedxml.DefusedXmlException as exc:
            raise NotThisFormat(f"{self.path} was refused: {exc} (XML entities are not allowed in an import)") from None
        raise NotThisFormat(f"{self.path} is not a WordPress export (WXR): it is empty")

    # --- iteration ------------------------------------------------------

    def _walk(self) -> Iterator[tuple[str, Element]]:
        """(short name, element) for each complete child of <channel>; the
        element is cleared after the consumer has used it."""
        with open(self.path, "rb") as fh:
            self._counter = _CountingFile(fh)
            depth, channel = 0, None
            for event, elem in DET.iterparse(self._counter, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth == 2 and short_name(elem.tag) == "channel":
                        channel = elem
                    continue
                if depth == 3 and channel is not None:
                    yield short_name(elem.tag), elem
                    channel.clear()  # drop finished items: memory stays flat
                depth -= 1

    def _collect_attachments(self) -> None:
        try:
            for name, elem in self._walk():
                if name != "item":
                    continue
                fields = _Fields(elem)
                if fields.text("wp:post_type") != "attachment":
                    continue
                post_id = fields.text("wp:post_id")
                url = fields.text("wp:attachment_url") or fields.text("guid")
                if post_id and url:
                    alt = next((_text(m, "wp:meta_value") for m in elem if short_name(m.tag) == "wp:postmeta"
                                and _text(m, "wp:meta_key") == "_wp_attachment_image_alt"), "")
                    att = _Attachment(url=url, parent=fields.text("wp:post_parent"), title=fields.text("title"),
                                      alt=" ".join(alt.split()),
                                      caption=" ".join(html_to_text(fields.text("excerpt:encoded")).split()))
                    self.attachments[post_id] = att
                    if att.parent and att.parent != "0":
                        self.attachments_by_parent.setdefault(att.parent, []).append(post_id)
        except (ParseError, defusedxml.DefusedXmlException):
            pass  # reported by the main pass, at the right item

    def __iter__(self) -> Iterator[Item]:
        self._collect_attachments()
        number = 0
        try:
            for name, elem in self._walk():
                # The site's identity in source ids: base_site_url (WXR 1.1+),
                # else the channel link (WXR 1.0), else the file name.
                if name == "wp:base_site_url" and not self.base_url:
                    self.base_url = (elem.text or "").strip().rstrip("/")
                elif name == "link" and not self.channel_link:
                    self.channel_link = (elem.text or "").strip().rstrip("/")
                elif name == "wp:author":
                    ref = _author(elem)
                    if ref:
                        self.authors[ref.login.lower()] = ref
                elif name == "item":
                    number += 1
                    yield self._item(elem, number)
        except ParseError as exc:
            line, column = getattr(exc, "position", (0, 0))
            yield Failed(
                number + 1,
                f"the file is cut short or broken at line {line}, column {column}; "
                f"the {number} complete items before it were read, nothing after it",
            )
        except defusedxml.DefusedXmlException as exc:
            yield Failed(number + 1, f"refused: {exc}; nothing after it was read")

    # --- one item -------------------------------------------------------

    def _item(self, item: Element, number: int) -> Item:
        elem = _Fields(item)
        post_type = _text(elem, "wp:post_type") or "post"
        post_id = _text(elem, "wp:post_id")
        if post_type == "attachment":
            return Skipped(number, "attachment (its URL is recorded on its article)")
        if post_type != "post":
            return Skipped(number, SKIPPED_TYPES.get(post_type, f"post type {post_type!r}"))
        wp_status = _text(elem, "wp:status") or "publish"
        if wp_status in SKIPPED_STATUSES:
            return Skipped(number, SKIPPED_STATUSES[wp_status])
        label = f"(post {post_id}) " if post_id else ""
        try:
            return self._record(elem, number, post_id, wp_status)
        except RecordError as exc:
            return Failed(number, f"{label}{exc}")

    def _record(self, elem: _Fields, number: int, post_id: str, wp_status: str) -> ArticleRecord:
        if wp_status not in STATUS_MAP:
            raise RecordError(f"unknown WordPress status {wp_status!r}")
        status = STATUS_MAP[wp_status]
        title = " ".join(_text(elem, "title").split())
        notes = []
        if not title:
            # WordPress allows a post without a title; it is imported under
            # one made from its first words (or date) and named in the report.
            title = untitled_title(_text(elem, "content:encoded"), _text(elem, "wp:post_date"), post_id)
            notes.append(f"post {post_id or number} had no title, now “{title}”: an editor should check it")
        if len(title) > 255:
            raise RecordError("title is longer than 255 characters")
        published_at = _post_date(elem) if status in ("published", "scheduled") else None
        if elem.text("wp:post_password") and status in ("published", "scheduled"):
            # Readers needed a password there; here it would be public. Made
            # a draft before the date check: a draft needs no date.
            status = "draft"
            notes.append("password-protected post imported as a draft")
        check_status(status, published_at)

        tags: list[str] = []
        for child in elem.elem:
            if short_name(child.tag) != "category" or child.get("domain") not in TAG_DOMAINS:
                continue
            # WordPress stores term names HTML-escaped ("Rare earths &amp; magnets").
            name = " ".join(html.unescape(child.text or "").split())
            if name and (child.get("nicename") or slugify(name)) != "uncategorized":
                tags.append(name)
        login = _text(elem, "dc:creator")
        authors = [self.authors.get(login.lower()) or AuthorRef(name=login, login=login)] if login else []

        link = _text(elem, "link")
        source_url = _safe_url(link)
        redirects = []
        if source_url:
            path = unquote(urlsplit(source_url).path)
            if path and path != "/":
                redirects.append(path[:500])

        post_name = slugify(unquote(_text(elem, "wp:post_name")))
        slug = (post_name or slugify(title) or f"post-{post_id}")[:255].strip("-")
        base = self.base_url or self.channel_link or os.path.basename(self.path)
        return ArticleRecord(
            number=number,
            title=title,
            slug=slug,
            standfirst=html_to_text(_text(elem, "excerpt:encoded")),
            body_html=autop(_text(elem, "content:encoded")),
            status=status,
            published_at=published_at,
            authors=authors,
            tags=clean_names(tags, "categories and tags", max_length=TAG_MAX_LENGTH),
            source_id=f"wxr:{base}:{post_id or number}",
            source_url=source_url,
            redirects=redirects,
            assets=self._assets(elem, post_id, base),
            notes=notes,
        )

    def _assets(self, elem: _Fields, post_id: str, base: str) -> list[AssetRef]:
        assets = []
        for meta in elem.elem:
            if short_name(meta.tag) == "wp:postmeta" and _text(meta, "wp:meta_key") == "_thumbnail_id":
                att_id = _text(meta, "wp:meta_value")
                att = self.attachments.get(att_id)
                if att and _safe_url(att.url):
                    assets.append(AssetRef(url=att.url, kind="featured", title=att.title,
                                           source_id=f"wxr:{base}:{att_id}", alt=att.alt, caption=att.caption))
        for att_id in self.attachments_by_parent.get(post_id, []) if post_id else []:
            att = self.attachments[att_id]
            if _safe_url(att.url):
                assets.append(AssetRef(url=att.url, kind="attachment", title=att.title,
                                       source_id=f"wxr:{base}:{att_id}", alt=att.alt, caption=att.caption))
        return assets


def untitled_title(html: str, date: str, post_id: str, kind: str = "post") -> str:
    """A title for an item WordPress had none for: its first eight words,
    else its date, else its id."""
    words = html_to_text(html).split()
    if words:
        head = " ".join(words[:8])
        return (head + "…" if len(words) > 8 else head)[:200]
    if date and not date.startswith("0000"):
        return f"Untitled {kind} of {date[:10]}"
    return f"Untitled {kind} {post_id}".strip()


class _Fields:
    """An element's children by short name (first wins), built once: an
    item is asked for a dozen of them."""

    def __init__(self, elem: Element) -> None:
        self.elem = elem
        self.children: dict[str, Element] = {}
        for child in elem:
            self.children.setdefault(short_name(child.tag), child)

    def text(self, name: str) -> str:
        child = self.children.get(name)
        return (child.text or "").strip() if child is not None else ""


def _text(elem: Element | _Fields, name: str) -> str:
    fields = elem if isinstance(elem, _Fields) else _Fields(elem)
    return fields.text(name)


def _safe_url(value: str) -> str:
    try:
        return clean_url(value)
    except RecordError:
        return ""


def _author(author: Element) -> AuthorRef | None:
    elem = _Fields(author)
    login = _text(elem, "wp:author_login")
    if not login:
        return None
    first, last = _text(elem, "wp:author_first_name"), _text(elem, "wp:author_last_name")
    name = _text(elem, "wp:author_display_name") or " ".join(p for p in (first, last) if p) or login
    return AuthorRef(name=name[:150], login=login, email=_text(elem, "wp:author_email"),
                     first_name=first, last_name=last)


def _parse_wp_date(value: str, *, utc: bool) -> datetime.datetime:
    try:
        parsed = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise RecordError(f"impossible date {value!r}") from None
    return parsed.replace(tzinfo=datetime.UTC) if utc else parsed


def _post_date(elem: _Fields) -> datetime.datetime | None:
    """The publish time in UTC: post_date_gmt when WordPress filled it, else
    the RSS pubDate (which carries an offset), else post_date read as UTC."""
    gmt = _text(elem, "wp:post_date_gmt")
    if gmt and gmt != NO_DATE:
        return _parse_wp_date(gmt, utc=True)
    pub = _text(elem, "pubDate")
    if pub:
        try:
            parsed = email.utils.parsedate_to_datetime(pub)
        except (TypeError, ValueError):
            parsed = None
        if parsed and parsed.tzinfo and parsed.year > 1970:
            return parsed
    local = _text(elem, "wp:post_date")
    if local and local != NO_DATE:
        return _parse_wp_date(local, utc=True)
    return None


_BLOCK_START = re.compile(
    r"^<(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|pre|figure|"
    r"figcaption|hr|address|section|article|aside|header|footer|nav|form|script|style|iframe|object)\b|^<!--",
    re.IGNORECASE,
)
_CAPTION_SHORTCODE = re.compile(r"\[/?caption[^\]]*\]", re.IGNORECASE)
# [caption]<img ...> The caption[/caption] (the image may sit in a link).
_CAPTION_BLOCK = re.compile(
    r"\[caption[^\]]*\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*(.*?)\s*\[/caption\]", re.I | re.S
)


def _figure(match: re.Match) -> str:
    image, caption = match.group(1), match.group(2).strip()
    # One figure, its caption once: the caption was the shortcode's text,
    # which unwrapped alone became a paragraph under the image.
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>" if caption else f"<figure>{image}</figure>"


def autop(text: str) -> str:
    """Paragraphs from WordPress's stored post text.

    WordPress keeps classic-editor posts as text with blank lines between
    paragraphs and adds the ``<p>`` tags only when rendering (``wpautop``);
    this does the same for text chunks, leaving chunks that already start
    with a block element (block-editor posts, tables) as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CAPTION_SHORTCODE.sub("", _CAPTION_BLOCK.sub(_figure, text))
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + "<br>\n".join(line.strip() for line in chunk.split("\n")) + "</p>")
    return "\n".join(out)
