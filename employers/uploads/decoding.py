"""Turning the uploaded bytes into text, with a clear message for each way a payroll
export goes wrong: too big, empty, a spreadsheet instead of a CSV, the wrong encoding."""

from __future__ import annotations

import codecs

from django.utils.translation import gettext_lazy as _

MAXIMUM_FILE_BYTES = 5 * 1024 * 1024


class UploadFileError(ValueError):
    """The file as a whole cannot be read; `message` says what to do about it."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


_SPREADSHEET_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def decode_upload(data: bytes) -> str:
    """The text of a UTF-8 CSV file, with or without a byte order mark."""
    if len(data) > MAXIMUM_FILE_BYTES:
        raise UploadFileError(_("The selected file must be smaller than 5 MB"))
    if not data.strip():
        raise UploadFileError(_("The selected file is empty"))
    if data.startswith(_SPREADSHEET_SIGNATURES):
        raise UploadFileError(
            _(
                "The selected file is a spreadsheet, not a CSV file. In your spreadsheet "
                "program, choose ‘Save as’ and then ‘CSV UTF-8’"
            )
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadFileError(
            _(
                "The selected file is saved as Unicode text. Save it as ‘CSV UTF-8’ and upload "
                "it again"
            )
        )
    if b"\x00" in data:
        raise UploadFileError(_("The selected file is not a CSV file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise UploadFileError(
            _(
                "The selected file is not saved as UTF-8 (row %(row)s has a character we cannot "
                "read). Save it as ‘CSV UTF-8’ and upload it again"
            )
            % {"row": row}
        ) from None
