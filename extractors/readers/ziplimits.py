"""Checks on zip containers (DOCX, XLSX) before a library inflates them: entry count, size and ratio."""

from __future__ import annotations

import io
import zipfile

from models.errors import CorruptInputError, EncryptedInputError, InputTooLargeError
from models.options import Limits


def check_zip(data: bytes, limits: Limits, *, required: tuple[str, ...] = ()) -> dict[str, int]:
    """Refuse a zip container that would inflate past the limits, before anything decompresses it.

    The declared sizes in the central directory are checked here; the libraries that read the parts later
    stop at the declared size, so a member cannot inflate further than declared.

    Args:
        data: The container's bytes.
        limits: `max_zip_entries`, `max_zip_uncompressed_bytes` and `max_zip_ratio` are enforced.
        required: Member names that must be present.

    Returns:
        The uncompressed size of each member by name.

    Raises:
        CorruptInputError: not a readable zip, or a required member is missing.
        EncryptedInputError: a member is encrypted.
        InputTooLargeError: too many members, too large uncompressed, or a suspicious compression ratio.

    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptInputError(f"The file is not a readable Office document (broken zip container: {exc}).") from exc
    if len(members) > limits.max_zip_entries:
        raise InputTooLargeError(
            f"The document has {len(members)} parts, more than the limit of {limits.max_zip_entries}."
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_zip_uncompressed_bytes:
        raise InputTooLargeError(
            f"The document unpacks to {total:,} bytes, more than the limit of "
            f"{limits.max_zip_uncompressed_bytes:,} bytes."
        )
    compressed = max(sum(member.compress_size for member in members), 1)
    if total > 1024 * 1024 and total / compressed > limits.max_zip_ratio:
        raise InputTooLargeError(
            f"The document is compressed {total / compressed:.0f}:1, beyond the limit of "
            f"{limits.max_zip_ratio:.0f}:1; it looks like a zip bomb and is not opened."
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise EncryptedInputError("The document is password protected; please send an unprotected copy.")
    sizes = {member.filename: member.file_size for member in members}
    missing = [name for name in required if name not in sizes]
    if missing:
        raise CorruptInputError(f"The document is incomplete: it has no {', '.join(missing)} part.")
    return sizes
