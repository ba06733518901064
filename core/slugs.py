from django.db import models
from django.utils.text import slugify


def unique_slug(instance: models.Model, value: str, field: str = "slug", max_length: int = 200) -> str:
    """A slug for ``value`` not yet used by another row of the model.

    Falls back to the model name when ``value`` has no Latin letters (a name
    given only in Chinese characters slugifies to "")."""
    base = slugify(value)[: max_length - 8].strip("-") or instance._meta.model_name
    manager = type(instance)._default_manager
    candidate, n = base, 2
    while manager.filter(**{field: candidate}).exclude(pk=instance.pk).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def stored_slug_if_changing(instance: models.Model, *, raw: bool = False, update_fields=None) -> str | None:
    """In a ``pre_save`` receiver: the slug the row has in the database when
    this save is about to change it, else None (a new row, a fixture load,
    a save that leaves the slug alone). One indexed query, only when the
    save may touch the slug."""
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return None
    old = type(instance)._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    return old if old and instance.slug and old != instance.slug else None
