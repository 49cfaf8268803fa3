"""Checking an uploaded file by what it contains, never by its name or the browser's
word: only PDF, JPEG and PNG up to 10 MB are accepted."""

from django.utils.translation import gettext_lazy as _

from .models import AttachmentKind

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_TAIL_BYTES = 1024


class UploadRejected(ValueError):
    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def _read_edges(upload):
    upload.seek(0)
    head = upload.read(64)
    size = upload.size
    upload.seek(max(0, size - _TAIL_BYTES))
    tail = upload.read(_TAIL_BYTES)
    upload.seek(0)
    return head, tail


def _looks_like_pdf(head, tail):
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


def _looks_like_png(head, tail):
    return head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR" and b"IEND" in tail


def _looks_like_jpeg(head, tail):
    return head.startswith(b"\xff\xd8\xff") and b"\xff\xd9" in tail


_SNIFFERS = [
    (AttachmentKind.PDF, _looks_like_pdf),
    (AttachmentKind.PNG, _looks_like_png),
    (AttachmentKind.JPEG, _looks_like_jpeg),
]


def check_upload(upload):
    """The file's real content type, or UploadRejected with a message for the user."""
    if upload is None:
        raise UploadRejected(_("Select a file"))
    if upload.size == 0:
        raise UploadRejected(_("The selected file is empty"))
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The selected file must be smaller than 10MB"))
    head, tail = _read_edges(upload)
    for kind, sniff in _SNIFFERS:
        if sniff(head, tail):
            return kind
    raise UploadRejected(_("The selected file must be a PDF, JPG or PNG"))


def safe_display_name(name):
    """The original file name, without any folder part or control characters."""
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>')
    return name[:200] or "file"
