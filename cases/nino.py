"""National Insurance numbers: stored and compared in one form, never shown in full."""


def normalise_nino(value):
    """Upper case with no spaces, as HMRC sends it and as the party record stores it."""
    return "".join(str(value or "").split()).upper()


def masked_nino(value):
    """Only the prefix and the suffix letter: QQ123456C -> QQ ** ** ** C."""
    number = normalise_nino(value)
    if len(number) < 3:
        return ""
    return f"{number[:2]} ** ** ** {number[-1]}"
