"""Reading a downloaded letter: its text layer, its catalogue and its metadata."""

import io

from pypdf import PdfReader


def read_pdf(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(response.content))


def pdf_text(reader):
    """The text layer with whitespace squashed, so a line broken by the layout still
    reads as one sentence."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def squash(text):
    return " ".join(str(text).split())
