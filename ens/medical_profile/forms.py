"""One form per first-visit question: a measure typed the French way, or oui/non."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm

from .measures import format_french_decimal
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
