"""Deductions files from payroll software: columns, decoding, reading and problems."""

from .columns import COLUMNS, template_csv
from .decoding import MAXIMUM_FILE_BYTES, UploadFileError, decode_upload
from .problems import ProblemList, UploadProblem
from .reader import ReadUpload, UploadRow, read_upload

__all__ = [
    "COLUMNS",
    "MAXIMUM_FILE_BYTES",
    "ProblemList",
    "ReadUpload",
    "UploadFileError",
    "UploadProblem",
    "UploadRow",
    "decode_upload",
    "read_upload",
    "template_csv",
]
