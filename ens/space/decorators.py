"""`space_view`: a page of the space, for a logged-in patient, with the open profile."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from .profiles import current_profile

try:
    from ens.login.decorators import patient_required
except ImportError:  # pragma: no cover - TODO(lead): drop once ens.login (issue 5) is merged
    # Until then: the same redirect for anonymous visitors; a logged-in user without a
    # person gets PermissionDenied from the access helper instead of a redirect.
    patient_required = login_required(login_url="/connexion/")


def space_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require a logged-in patient and set `request.space_profile` to the open profile.

    Pages of other apps that extend "space/base_space.html" use it too: the header reads
    the open profile from the request.
    """

    @patient_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.space_profile = current_profile(request)
        return view(request, *args, **kwargs)

    return wrapper
