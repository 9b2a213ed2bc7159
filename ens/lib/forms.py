"""The project's base form: the DSFR look, French errors next to each field, focus on the first.

Every form of the project subclasses `BaseForm` (conventions: one base form, as
sites-faciles' `config/forms/baseform.py`).
"""

from django import forms
from dsfr.forms import DsfrBaseForm


class BaseForm(DsfrBaseForm):
    """A DSFR form that moves focus to the first field in error once validated.

    Errors render next to their field in the DSFR error style (django-dsfr's field snippets),
    and a bound form keeps what the person typed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # django-dsfr's input snippet reads `widget.group_class` through `default:`, which
            # strict template settings (string_if_invalid) refuse when it is missing.
            if not hasattr(field.widget, "group_class"):
                field.widget.group_class = "fr-input-group"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = ""
                break

    def get_context(self) -> dict:
        # django-dsfr warns about its transitional marking of required fields on every render;
        # the project follows the DSFR's current rule instead: optional fields are marked
        # (settings.DSFR_MARK_OPTIONAL_FIELDS).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context
