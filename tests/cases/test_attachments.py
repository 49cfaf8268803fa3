"""Attachments: PDF, JPEG or PNG up to 10 MB, judged by content, kept privately and
served only as a download to the side of the case that sent them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Attachment
from cases.uploads import MAX_UPLOAD_BYTES, UploadRejected, check_upload
from tests.cases.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES


@pytest.mark.parametrize(
    "content,expected",
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_type_comes_from_content_not_name(content, expected):
    upload = SimpleUploadedFile("misleading.txt", content, content_type="text/plain")
    assert check_upload(upload) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello",
        b"%PDF-1.4 but never ends",
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00executable",
    ],
)
def test_other_content_is_refused_whatever_the_name(content):
    with pytest.raises(UploadRejected):
        check_upload(SimpleUploadedFile("scan.pdf", content, content_type="application/pdf"))


def test_files_over_10mb_are_refused():
    big = PDF_BYTES[:-7] + b"0" * (MAX_UPLOAD_BYTES) + b"\n%%EOF\n"
    with pytest.raises(UploadRejected):
        check_upload(SimpleUploadedFile("big.pdf", big))


def test_download_is_private_and_forced(family_case, receiving_parent, signed_in_client, settings):
    client = signed_in_client(receiving_parent)
    url = reverse("cases:message_new", kwargs={"reference": family_case.reference})
    response = client.post(
        url,
        {
            "subject": "S",
            "body": "B",
            "attachment": SimpleUploadedFile(
                "../../etc/my scan.png", PNG_BYTES, content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "my scan.png"
    assert str(settings.MEDIA_ROOT) in attachment.file.path and "/private/" in attachment.file.path
    assert "my scan" not in attachment.file.name
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018  (no public URL exists)
    download = client.get(
        reverse(
            "cases:attachment",
            kwargs={"reference": family_case.reference, "attachment_id": attachment.public_id},
        )
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PNG_BYTES


def test_a_refused_file_loses_nothing_typed(family_case, receiving_parent, signed_in_client):
    client = signed_in_client(receiving_parent)
    url = reverse("cases:message_new", kwargs={"reference": family_case.reference})
    response = client.post(
        url,
        {
            "subject": "Keep subject",
            "body": "Keep body",
            "attachment": SimpleUploadedFile("a.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep subject" in html and "Keep body" in html
    assert "must be a PDF, JPG or PNG" in html
    assert not family_case.message_threads.exists()
