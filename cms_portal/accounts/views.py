"""Entry points: the same allauth sign-in, worded for parents or for employers."""

from django.shortcuts import redirect
from django.urls import reverse


def sign_in_parent(request):
    return redirect(f"{reverse('account_login')}?as=parent")


def sign_in_employer(request):
    return redirect(f"{reverse('account_login')}?as=employer")
