from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ens.core.urls")),
    path("activation/", include("ens.activation.urls")),
    path("activation/", include("ens.activation.urls_credentials")),
    path("operateur/", include("ens.operator.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("espace/historique/", include("ens.access.urls")),
    path("espace/documents/", include("ens.documents.urls")),
    path("espace/profil/mesures/", include("ens.measures.urls")),
    path("espace/messagerie/", include("ens.messaging.urls")),
    path("espace/autorisations/", include("ens.professionals.urls_patient")),
    path("espace/", include("ens.space.urls")),
    path("pro/messagerie/", include("ens.messaging.urls_pro")),
    path("pro/", include("ens.professionals.urls")),
    path("", include("ens.login.urls")),
    path("", include("ens.notifications.urls")),
]
