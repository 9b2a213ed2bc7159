"""Forms of the medical profile: the first-visit questions, and one form per section."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm

from .conditions import COMMON_CONDITIONS
from .measures import format_french_decimal
from .models import (
    AdvanceDirective,
    Allergy,
    Condition,
    Contact,
    FamilyHistory,
    TreatingDoctor,
    Treatment,
    Vaccination,
)
from .questions import Question

YES, NO = "oui", "non"


class MeasureAnswerForm(BaseForm):
    # A text input, not type=number: browsers refuse "1,75" in a number field.
    answer = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, question: Question, **kwargs):
        self.question = question
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = question.title
        self.fields["answer"].help_text = question.hint

    def clean_answer(self) -> Decimal:
        return self.question.measure.clean(self.cleaned_data["answer"])


class YesNoAnswerForm(BaseForm):
    answer = forms.ChoiceField(
        choices=[(YES, _("Oui")), (NO, _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Le champ est obligatoire.")},
    )

    def __init__(self, *args, question: Question, **kwargs):
        self.question = question
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = question.title
        self.fields["answer"].help_text = question.hint

    def clean_answer(self) -> bool:
        return self.cleaned_data["answer"] == YES


def answer_form(question: Question, *, current, data=None) -> BaseForm:
    """The form for `question`, showing the `current` stored answer (None: not answered)."""
    if question.is_yes_no:
        initial = {} if current is None else {"answer": YES if current else NO}
        return YesNoAnswerForm(data, question=question, initial=initial)
    initial = {"answer": format_french_decimal(current, question.measure.places)}
    return MeasureAnswerForm(data, question=question, initial=initial)


# Sections of the profile (issue 6 item 1): one ModelForm per section, all built the same way.

REQUIRED = _("Le champ est obligatoire.")
INVALID_DATE = _("Saisissez une date valide, par exemple 12/03/2025.")
# Spaces, dots and dashes are allowed between digits: "06 12 34 56 78", "+33 6.12.34.56.78".
_PHONE_SEPARATORS = re.compile(r"[\s.\-\u00a0]")
_PHONE = re.compile(r"^(?:0[1-9]\d{8}|\+\d{8,15})$")


def _formfield(model_field, **kwargs):
    """The form field of a model field, in the project's manner (dates, long texts)."""
    if isinstance(model_field, models.DateField):
        kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    elif isinstance(model_field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
    field = model_field.formfield(**kwargs)
    if field is None:  # pragma: no cover - every field of the forms has one
        return None
    field.error_messages["required"] = REQUIRED
    if isinstance(field, forms.DateField):
        field.error_messages["invalid"] = INVALID_DATE
    if isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
        field.choices = [("", _("Sélectionnez une option")), *field.choices[1:]]
    return field


class EntryForm(BaseForm, forms.ModelForm):
    """A section entry: the fields of its model, checked for their own shape only.

    Rules that need the database or the person (one trusted person, dates after birth) are
    the services' (ens.medical_profile.services); the view puts their refusals next to the
    fields. `datalist` names a list of suggestions for one field, `search_param` the GET
    parameters a search result may prefill.
    """

    datalist: tuple[str, tuple[str, ...]] | None = None  # (field name, suggestions)
    period: tuple[str, str] | None = None  # (start, end) date fields: the end comes after

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.datalist is not None:
            name, _options = self.datalist
            self.fields[name].widget.attrs["list"] = f"{name}-suggestions"
            self.fields[name].widget.attrs["autocomplete"] = "off"

    @property
    def choice_label(self) -> str:
        """What a search chose for the person, shown above the form ("" if nothing)."""
        return ""

    def clean(self):
        super().clean()
        if self.period is not None:
            start, end = self.period
            first, last = self.cleaned_data.get(start), self.cleaned_data.get(end)
            if first and last and last < first:
                self.add_error(end, _("La date de fin doit être postérieure à la date de début."))
        return self.cleaned_data

    def values(self) -> dict:
        """The cleaned values the service takes."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def _phone(value: str) -> str:
    number = _PHONE_SEPARATORS.sub("", value)
    if not _PHONE.match(number):
        raise ValidationError(
            _("Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78."),
            code="invalid",
        )
    return value.strip()


class ConditionForm(EntryForm):
    datalist = ("name", COMMON_CONDITIONS)
    period = ("start_date", "end_date")

    class Meta:
        model = Condition
        fields = ["name", "status", "start_date", "end_date", "notes"]
        formfield_callback = _formfield
        help_texts = {
            "name": _("Choisissez dans la liste proposée ou saisissez librement."),
            "end_date": _("Pour un sujet de santé passé."),
        }


class TreatmentForm(EntryForm):
    period = ("start_date", "end_date")

    class Meta:
        model = Treatment
        fields = ["name", "kind", "dose", "start_date", "end_date", "notes"]
        formfield_callback = _formfield
        help_texts = {"dose": _("Par exemple : 1 comprimé de 500 mg matin et soir.")}


class AllergyForm(EntryForm):
    class Meta:
        model = Allergy
        fields = ["substance", "kind", "reaction", "severity", "noticed_on", "notes"]
        formfield_callback = _formfield
        help_texts = {
            "substance": _("Par exemple : arachide, pénicilline, pollen de graminées."),
            "reaction": _("Par exemple : urticaire, gonflement des lèvres, gêne respiratoire."),
        }


class VaccinationForm(EntryForm):
    class Meta:
        model = Vaccination
        fields = ["target", "vaccine", "given_on", "dose_number", "lot", "notes"]
        formfield_callback = _formfield
        help_texts = {
            "vaccine": _("Tel qu'inscrit sur le carnet de vaccination, par exemple : Infanrix."),
            "dose_number": _("1 pour la première dose, 2 pour la deuxième..."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dose_number"].error_messages["invalid"] = _("Saisissez un nombre entier.")
        self.fields["dose_number"].widget.attrs["min"] = 1


class FamilyHistoryForm(EntryForm):
    datalist = ("condition", COMMON_CONDITIONS)

    class Meta:
        model = FamilyHistory
        fields = ["condition", "relative", "diagnosed_on", "notes"]
        formfield_callback = _formfield


class AdvanceDirectiveForm(EntryForm):
    class Meta:
        model = AdvanceDirective
        fields = ["status", "written_on", "text", "notes"]
        formfield_callback = _formfield
        help_texts = {
            "text": _(
                "Vos souhaits sur votre fin de vie, ou l'endroit où se trouve le document "
                "(par exemple : confié à mon médecin traitant)."
            )
        }

    def clean(self):
        super().clean()
        if self.cleaned_data.get("status") == AdvanceDirective.Status.NONE:
            # "Je n'en ai pas": nothing else is kept.
            self.cleaned_data["written_on"] = None
            self.cleaned_data["text"] = ""
        return self.cleaned_data


class ContactForm(EntryForm):
    class Meta:
        model = Contact
        fields = ["role", "name", "relation", "phone", "since", "notes"]
        formfield_callback = _formfield
        help_texts = {
            "role": _(
                "La personne de confiance vous accompagne et peut être consultée si vous ne "
                "pouvez plus exprimer votre volonté (une seule personne)."
            ),
            "relation": _("Par exemple : conjoint, fille, ami."),
            "phone": _("Par exemple : 06 12 34 56 78"),
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])


class TreatingDoctorForm(EntryForm):
    class Meta:
        model = TreatingDoctor
        fields = ["professional", "name", "phone", "since", "notes"]
        formfield_callback = _formfield
        labels = {"name": _("Ou son nom, s'il n'est pas dans l'annuaire")}
        help_texts = {"phone": _("Par exemple : 01 23 45 67 89")}
        widgets = {
            "professional": forms.HiddenInput,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].error_messages["invalid_choice"] = _(
            "Ce professionnel n'est pas dans l'annuaire : choisissez-en un autre."
        )

    @property
    def choice_label(self) -> str:
        """The professional chosen in the directory, as the form holds it now."""
        from .sections import professional_description

        try:
            professional = self.fields["professional"].to_python(self["professional"].value())
        except ValidationError:
            return ""
        return professional_description(professional) if professional else ""

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return _phone(phone) if phone else ""

    def clean(self):
        super().clean()
        missing = not self.cleaned_data.get("professional") and not self.cleaned_data.get("name")
        if missing and "name" not in self.errors and "professional" not in self.errors:
            self.add_error("name", _("Choisissez un médecin dans l'annuaire ou saisissez son nom."))
        if self.cleaned_data.get("professional"):
            self.cleaned_data["name"] = ""
        return self.cleaned_data


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(BaseForm):
    """A GET search (common conditions, the directory of professionals): works without
    JavaScript, the results are listed on the page."""

    q = forms.CharField(
        max_length=100,
        widget=SearchInput,
        error_messages={
            "required": _("Saisissez au moins un mot à rechercher."),
            "max_length": _("Saisissez au plus %(limit_value)d caractères."),
        },
    )

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = label
        # The DSFR base form made the bound fields with the class's label.
        self._bound_fields_cache.clear()
