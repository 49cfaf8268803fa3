from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

import cases.urls as cases_urls
import parents.urls as parents_urls

from . import views
from .accounts import views as account_views
from .admin_site import protect_admin

protect_admin(admin.site)

portal_patterns = (
    [
        path("", views.start, name="start"),
        path("cookies/", views.cookies, name="cookies"),
        path("cookies/consent/", views.cookie_consent_banner, name="cookie_consent"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
        path("contact/", views.contact, name="contact"),
        path("help/", views.help_page, name="help"),
        path("exit/", views.exit_this_page, name="exit_this_page"),
        path("signed-out/", views.signed_out, name="signed_out"),
        path("session/keep-alive/", views.keep_alive, name="keep_alive"),
        path("signed-in/", views.after_sign_in, name="after_sign_in"),
        path("link-your-account/", views.link_account, name="link_account"),
        path("your-account/", views.account, name="account"),
        path("sign-in/parent/", account_views.sign_in_parent, name="sign_in_parent"),
        path("sign-in/employer/", account_views.sign_in_employer, name="sign_in_employer"),
    ],
    "cms_portal",
)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
]

urlpatterns += i18n_patterns(
    path("", include(portal_patterns)),
    path("accounts/", include("cms_portal.accounts.urls")),
    # The caseworker queue moved to its own app; old bookmarks still reach it.
    re_path(r"^admin/cases/workitem/(?P<rest>.*)$", views.work_queue_moved),
    path("admin/", admin.site.urls),
    path("calculate/", include("calculation.urls")),
    path("account/", include((parents_urls.urlpatterns + cases_urls.urlpatterns, "cases"))),
    path("account/", include("payments.urls")),
    path("account/", include("variations.urls")),
    path("account/", include("arrears_plans.urls")),
    path("account/", include("letters.urls")),
    path("your-account/alerts/", include("alerts.urls")),
    path("employer/", include("employers.urls")),
    path("apply/", include("applications.urls")),
    path("respond/", include("applications.respond_urls")),
    path("your-account/your-data/", include("data_requests.urls")),
    path("complaints/", include("complaints.urls")),
    prefix_default_language=False,
)

handler400 = "cms_portal.views.bad_request"
handler403 = "cms_portal.views.permission_denied"
handler404 = "cms_portal.views.page_not_found"
# allauth's rate limits (sign up, password reset) answer with this page.
handler429 = "cms_portal.views.too_many_requests"
handler500 = "cms_portal.views.server_error"
