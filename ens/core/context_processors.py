from django.conf import settings


def service(request):
    """What every page needs to know about the service itself."""
    return {"DEMO_OUTBOX_ENABLED": settings.DEMO_OUTBOX_ENABLED}
