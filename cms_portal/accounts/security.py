"""How django-axes identifies an account: the email typed at sign-in, normalised."""


def axes_username(request, credentials):
    # credentials can be None on axes' lockout-response path.
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("username", "")
    return (value or "").strip().lower()
