from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .forms import OutboxFilterForm
from .selectors import outbox_messages

# The page lists the newest messages only: the outbox of a demo wave can hold thousands.
OUTBOX_PAGE_SIZE = 100


def demo_outbox(request):
    """The demo outbox (design §7): what the outbox backend kept, newest first.

    It exists only while settings.DEMO_OUTBOX_ENABLED is on (an outbox backend is in use);
    in production it is a 404 like any unknown page.
    """
    if not settings.DEMO_OUTBOX_ENABLED:
        raise Http404
    form = OutboxFilterForm(request.GET or None)
    to = form.cleaned_data["to"].strip() if form.is_valid() else ""
    messages = list(outbox_messages(to=to or None, last=OUTBOX_PAGE_SIZE))
    return render(
        request,
        "notifications/demo_outbox.html",
        {
            "title": _("Boîte de démonstration"),
            "form": form,
            "to": to,
            "messages_kept": messages,
            "page_size": OUTBOX_PAGE_SIZE,
        },
    )
