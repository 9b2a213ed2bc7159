"""The access history page of the open profile and its downloads (issue 7, item 2).

Viewing or downloading the history is not logged as a health-data read: see
ens.access.selectors.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ens.space.decorators import space_view

from . import exports
from .forms import HistoryFilterForm
from .selectors import HistoryFilter, access_history

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> tuple[HistoryFilterForm, HistoryFilter | None]:
    """The filter form and, when it is valid (or empty), the filter it asks for."""
    form = HistoryFilterForm(request.GET or None)
    if not form.is_bound:
        return form, HistoryFilter()
    if form.is_valid():
        return form, form.history_filter()
    return form, None


def _query(form: HistoryFilterForm) -> str:
    """The valid filters as a query string, for the download links."""
    if not form.is_bound or form.errors:
        return ""
    values = {name: form.data.get(name, "") for name in ("du", "au", "qui")}
    return urlencode({name: value for name, value in values.items() if value})


def _period(filters: HistoryFilter) -> str:
    start = filters.date_from.strftime("%d/%m/%Y") if filters.date_from else None
    end = filters.date_to.strftime("%d/%m/%Y") if filters.date_to else None
    if start and end:
        return _("Période : du %(start)s au %(end)s.") % {"start": start, "end": end}
    if start:
        return _("Période : depuis le %(start)s.") % {"start": start}
    if end:
        return _("Période : jusqu'au %(end)s.") % {"end": end}
    return _("Période : depuis l'ouverture de l'espace.")


def _filename(request: HttpRequest, extension: str) -> str:
    today = timezone.localdate().strftime("%Y-%m-%d")
    return f"historique-des-acces-{slugify(request.space_profile.last_name)}-{today}.{extension}"


@space_view
def history(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    entries = access_history(
        user=request.user, person=request.space_profile, filters=filters or HistoryFilter()
    )
    if filters is None:
        # Wrong filters show their errors, not an unfiltered history the person did not ask for.
        entries = entries.none()
    paginator = Paginator(entries, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    context = {
        "title": _("Historique des accès"),
        "form": form,
        "page_obj": page,
        "filtered": form.is_bound and filters is not None,
        "query": _query(form),
    }
    return render(request, "access/history.html", context)


@space_view
def history_csv(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    if filters is None:
        return redirect(f"{reverse('access:history')}?{request.GET.urlencode()}")
    entries = access_history(user=request.user, person=request.space_profile, filters=filters)
    response = StreamingHttpResponse(
        exports.csv_lines(entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "csv")}"'
    return response


@space_view
def history_pdf(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    if filters is None:
        return redirect(f"{reverse('access:history')}?{request.GET.urlencode()}")
    entries = access_history(user=request.user, person=request.space_profile, filters=filters)
    content = exports.history_pdf(
        person=request.space_profile,
        entries=entries[: exports.PDF_MAX_ENTRIES],
        total=entries.count(),
        period=_period(filters),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "pdf")}"'
    return response
