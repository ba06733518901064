"""Build the POST an editor's browser would send from an admin change page:
every field of the form and its inlines as currently shown, so a test changes
only what it means to change."""

from __future__ import annotations

from django.forms import MultiWidget


def _add_form(data: dict, form) -> None:
    for bf in form:
        if bf.field.disabled:
            continue
        value = bf.value()
        widget = bf.field.widget
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value)
            for i, part in enumerate(parts):
                if part is not None:
                    data[f"{bf.html_name}_{i}"] = str(part)
            continue
        if value is None or bf.name in {"photo", "logo"}:
            continue
        if isinstance(value, bool):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(value, list | tuple):
            if value and not isinstance(value[0], str | int):
                data[bf.html_name] = widget.format_value(value)  # taggit's tag list
            else:
                data[bf.html_name] = [str(v) for v in value]
        else:
            data[bf.html_name] = str(value)


def change_form_data(response, **changes) -> dict:
    """The change page's form as POST data, with ``changes`` applied."""
    context = response.context
    data: dict = {}
    _add_form(data, context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update(changes)
    return data
