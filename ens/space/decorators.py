"""`space_view`: a page of the space, for a logged-in patient, with the open profile."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from ens.login.decorators import patient_required

from .profiles import current_profile


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
