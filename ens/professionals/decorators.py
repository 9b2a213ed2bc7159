"""`professional_required`: pages of the professional portal (/pro/).

How a professional logs in is not decided here: today ens.login (identifier, password and a
one-time code) logs the Django user in and sends accounts with a `professional` to /pro/.
An OpenID Connect login (Pro Santé Connect, the real service's way, e-CPS or CPS card) would
be one more view that, after checking the ID token, finds the User whose `professional` has
the RPPS number of the token's subject and calls ens.login.sessions.log_user_in: it yields the
same Django session, so this decorator and every page behind it stay untouched.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

LOGIN_URL = "/connexion/"


def professional_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let through only a logged-in user linked to the directory (`user.professional`).

    Anyone else (anonymous, a patient, an operator) goes to the login page with `?next=`.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.professional_id is None:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        return view(request, *args, **kwargs)

    return wrapper
