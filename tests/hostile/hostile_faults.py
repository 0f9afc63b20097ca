"""Test-only reading functions that misbehave on purpose, sent to a reader process through the isolation API.

They stand in for a parser that hangs, allocates without end, crashes in C code or has a bug. Each is a
module-level function, so it reaches the reader process by reference.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import time
from pathlib import Path

from models.errors import EncryptedInputError
from models.options import ExtractOptions
from models.pages import Page, ReadDocument, Word


def read_fine(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A healthy reader: one page with the bytes as one word, and the reader's pid in the metadata."""
    page = Page(number=1, width=100.0, height=100.0, words=[Word(data.decode(), 0, 0, 10, 10)])
    return ReadDocument(kind="text", media_type="text/plain", pages=[page], metadata={"pid": str(os.getpid())})


def hang(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A parser stuck in a loop."""
    while True:
        time.sleep(0.05)


def hang_with_helper(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A reader whose helper process (like Tesseract) hangs too; the helper's pid goes to the file named by data."""
    helper = subprocess.Popen(["sleep", "300"])
    Path(data.decode()).write_text(str(helper.pid))
    helper.wait()
    raise AssertionError("unreachable")


def allocate(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A parser that allocates without end."""
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def crash(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A C library that dereferences a null pointer."""
    ctypes.string_at(0)
    raise AssertionError("unreachable")


def bug(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A reader bug whose message quotes the document."""
    raise KeyError(f"customer text: {data.decode()}")


def refuse_encrypted(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """A reader's own refusal, which must come back as the same error."""
    raise EncryptedInputError("locked", retryable=True)
