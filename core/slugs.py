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
