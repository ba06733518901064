"""Downloads from an old site: bounded in time and size, every failure a
``DownloadError`` with a reason a report can print."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit


class DownloadError(Exception):
    pass


def fetch(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """The body at ``url``, or DownloadError; never longer than ``timeout``
    seconds in total, never more than ``max_bytes``."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError("not an http(s) URL")
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "ree-exchange-importer"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            chunks, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"larger than {max_bytes // 1_048_576} MB")
                if time.monotonic() > deadline:
                    raise DownloadError(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"HTTP {exc.code}") from None
    except TimeoutError:
        raise DownloadError(f"timed out after {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise DownloadError(f"timed out after {timeout:g} s") from None
        raise DownloadError(f"could not connect ({reason})") from None
