"""Signals the content model sends to the apps above it.

Articles sits below search and recommendations, so it cannot call them; it
announces, and they subscribe (search/signals.py, recommendations/signals.py)."""

from django.dispatch import Signal

# Sent by the "public content changed" task in the task worker, with
# ``article_ids`` (sorted, possibly empty: a tag merge or entity edit) and
# ``reason``. A receiver that returns a list of article ids names pages whose
# derived data it rewrote besides these articles (their cached pages are purged).
content_changed = Signal()
