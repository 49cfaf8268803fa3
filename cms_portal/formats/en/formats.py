"""British English dates and numbers for the admin and any Django-rendered form: Django's
own "en" formats are American (Dec. 6, 2026; 12/06/2026)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

# Typed dates: day first as people in the UK write them; ISO still accepted.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d %m %Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

# As GOV.UK writes dates: 6 December 2026.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
