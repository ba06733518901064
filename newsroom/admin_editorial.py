"""The editorial tools the article admin mixes in, in one base: revisions,
previews and share links, corrections, mention suggestions, autosave."""

from .admin_autosave import AutosaveAdminMixin
from .admin_corrections import CorrectionAdminMixin
from .admin_mentions import MentionAdminMixin
from .admin_preview import PreviewAdminMixin
from .admin_revisions import RevisionAdminMixin


class EditorialToolsMixin(RevisionAdminMixin, PreviewAdminMixin, CorrectionAdminMixin, MentionAdminMixin,
                          AutosaveAdminMixin):
    """Put first in ArticleAdmin's bases, before ModelAdmin."""
