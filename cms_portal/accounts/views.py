"""allauth's views where the portal changes what happens: sign-in worded for its
audience, a reset that ends the session, confirmation pages after each action, and
two-step verification set-up that counts as the session's second factor."""

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_base_views
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.totp.internal import flows as totp_flows
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from .mfa import mfa_required, record_totp_setup
from .presenters import mfa_page_flags, sign_in_audience, sign_in_wording, totp_secret_groups


def sign_in_parent(request):
    return redirect(f"{reverse('account_login')}?as=parent")


def sign_in_employer(request):
    return redirect(f"{reverse('account_login')}?as=employer")


class LoginView(account_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audience = sign_in_audience(self.request)
        context.update(audience=audience, wording=sign_in_wording(audience))
        return context


class PasswordResetFromKeyView(account_views.PasswordResetFromKeyView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # The session held the reset key; end it on the server. Every other session
        # of this user is already dead: the new password changes their auth hash.
        self.request.session.flush()
        return response


class ActivateTOTPView(totp_views.ActivateTOTPView):
    def form_valid(self, form):
        authenticator, _recovery_codes = totp_flows.activate_totp(self.request, form)
        record_totp_setup(self.request, authenticator)
        return redirect(f"{reverse('mfa_view_recovery_codes')}?activated=1")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            mfa_required=mfa_required(self.request.user),
            secret_groups=totp_secret_groups(context["form"].secret),
        )
        return context


class DeactivateTOTPView(totp_views.DeactivateTOTPView):
    def get_success_url(self):
        return f"{reverse('mfa_index')}?turned_off=1"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "mfa_required": mfa_required(self.request.user),
        }


class IndexView(mfa_base_views.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(mfa_page_flags(self.request))
        return context


class ViewRecoveryCodesView(recovery_code_views.ViewRecoveryCodesView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(mfa_page_flags(self.request))
        return context


class GenerateRecoveryCodesView(recovery_code_views.GenerateRecoveryCodesView):
    def get_success_url(self):
        return f"{reverse('mfa_view_recovery_codes')}?generated=1"


@login_required
def password_changed(request):
    return render(request, "account/password_changed.html")


def email_confirmed(request):
    return render(request, "account/email_confirmed.html")


# allauth's URL names whose views the portal replaces (same paths, same names).
VIEW_OVERRIDES = {
    "account_login": LoginView.as_view(),
    "account_reset_password_from_key": PasswordResetFromKeyView.as_view(),
    "mfa_activate_totp": ActivateTOTPView.as_view(),
    "mfa_deactivate_totp": DeactivateTOTPView.as_view(),
    "mfa_index": IndexView.as_view(),
    "mfa_view_recovery_codes": ViewRecoveryCodesView.as_view(),
    "mfa_generate_recovery_codes": GenerateRecoveryCodesView.as_view(),
}
