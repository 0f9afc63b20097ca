"""Failures: an input that cannot be processed raises an IntakeError with a stable code."""


class IntakeError(Exception):
    """Base of every failure that ends a document's processing.

    Attributes:
        code: Stable dotted code (`input.encrypted`), part of the result contract.
        retryable: Whether trying again later can help.

    """

    code = "internal.error"
    retryable = False

    def __init__(self, message: str, *, code: str | None = None, retryable: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if retryable is not None:
            self.retryable = retryable


class EncryptedInputError(IntakeError):
    """The file is password protected."""

    code = "input.encrypted"


class UnsupportedTypeError(IntakeError):
    """The content is of a type orderintake does not read."""

    code = "input.unsupported_type"


class InputTooLargeError(IntakeError):
    """The input exceeds a configured cap (size, pages, pixels, parts, memory)."""

    code = "input.too_large"


class CorruptInputError(IntakeError):
    """The file is empty, truncated or not valid for its type."""

    code = "input.corrupt"


class InputTimeoutError(IntakeError):
    """Parsing took longer than the configured time limit."""

    code = "input.timeout"


class OcrError(IntakeError):
    """The OCR engine failed or is not installed."""

    code = "ocr.failed"
