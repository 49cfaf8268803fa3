"""allauth adapter: where users land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("cms_portal:after_sign_in")
