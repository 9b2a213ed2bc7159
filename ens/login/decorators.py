"""Access decorators for pages behind the login (design §4)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

LOGIN_URL = "/connexion/"


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let through only a logged-in user who owns a patient's space (has a `person`).

    Anonymous visitors (and expired sessions, which are anonymous by then) go to the login
    page with `?next=` so that they come back here. A logged-in account without a person
    (a professional, an operator) gets 403: logging in again would not help.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        if user.person_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
