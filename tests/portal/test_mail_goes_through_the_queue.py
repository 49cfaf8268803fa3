"""Every email and text leaves through the mail task (cms_portal.tasks), never from a
request: no module of ours sends mail itself or talks to a mail or text provider, apart
from the task and the backends it uses. Our code is read with `ast`, so an import inside
a function counts too."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_OURS = {".venv", "node_modules", "tests", "bench", "scripts", "static", "locale", "docs"}
# Sending functions and classes of django.core.mail; its backends' base class is fine.
SENDERS = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
}
PROVIDERS = ("smtplib", "notifications_python_client")
ALLOWED = {
    "cms_portal/tasks.py": {"EmailMessage"},
    "cms_portal/mail.py": {"notifications_python_client"},
    "cms_portal/sms_backends.py": {"notifications_python_client"},
}


def our_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_OURS or relative.parts[0].startswith("."):
            continue
        yield relative.as_posix(), ast.parse(path.read_text(), filename=str(path))


def mail_uses(tree):
    """Names of mail senders and providers a module imports or reaches through
    `django.core.mail`."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(PROVIDERS):
                found.add(node.module.partition(".")[0])
            if node.module == "django.core.mail" or node.module == "django.core":
                found |= {alias.name for alias in node.names} & (SENDERS | {"mail"})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PROVIDERS):
                    found.add(alias.name.partition(".")[0])
                if alias.name == "django.core.mail":
                    found.add("mail")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in SENDERS
            and isinstance(node.value, ast.Name)
            and node.value.id == "mail"
        ):
            found.add(node.attr)
    return found


def test_only_the_mail_task_and_its_backends_send_mail():
    offenders = {}
    modules = 0
    for name, tree in our_modules():
        modules += 1
        used = mail_uses(tree) - ALLOWED.get(name, set())
        if used:
            offenders[name] = sorted(used)
    assert modules > 100  # the walk found our code
    assert offenders == {}, (
        "Send email with cms_portal.notify.send_email and texts with cms_portal.sms.send_sms, "
        f"which queue them for the mail task: {offenders}"
    )


def test_the_check_sees_a_direct_send():
    direct = ast.parse(
        "from django.core.mail import send_mail\n"
        "def f():\n    from django.core import mail\n    mail.EmailMessage().send()\n"
        "import smtplib\n"
    )
    assert mail_uses(direct) == {"send_mail", "mail", "EmailMessage", "smtplib"}
