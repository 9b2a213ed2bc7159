"""Sessions end after inactivity and after an absolute lifetime (design §4, ASVS 5.0 V7.3)."""

import time
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .models import Outcome
from .sessions import expiry_reason, log_user_out, note_activity


class SessionActivityMiddleware:
    """Logs out a session that is idle too long (SESSION_IDLE_TIMEOUT_MINUTES, 30 by default)
    or too old (SESSION_ABSOLUTE_TIMEOUT_HOURS, 12), and sends the browser to a page that
    says so; otherwise notes the activity. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            reason = expiry_reason(request, now)
            if reason is not None:
                log_user_out(request, outcome=Outcome.SESSION_EXPIRED)
                query = {"motif": reason}
                if request.method == "GET":
                    query["next"] = request.get_full_path()
                return HttpResponseRedirect(f"{reverse('login:expired')}?{urlencode(query)}")
            note_activity(request, now)
        return self.get_response(request)
