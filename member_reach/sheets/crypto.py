"""Opening password-protected workbooks with msoffcrypto-tool, in memory.

Excel encrypts an .xlsx with a password to open into an OLE2 file holding the encrypted
package; an .xls keeps its OLE2 shape with an encrypted Workbook stream. Either way the
decrypted workbook is written to memory, never to disk, and read from there.

msoffcrypto-tool parses untrusted bytes with struct, expat and zlib and lets their errors
through, so every call into it turns any exception but a wrong key into "damaged".

msoffcrypto (and cryptography under it) and the writing side (openpyxl) are imported when a
protected file is met, not with the readers: the app's start-up does without them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from member_reach.domain.remedies import Remedy
from member_reach.sheets.errors import SheetError, unreadable

#: The password Excel uses for an .xls that is only protected against writing.
EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"
PROTECTED = "is protected by a password; give its password"
WRONG_PASSWORD = "the password is wrong (it did not open the file)"


def decrypt(path: Path, password: str | None) -> io.BytesIO:
    """Return the decrypted content of a password-protected workbook.

    Args:
        path: the encrypted workbook.
        password: the password to open it, or None.

    Raises:
        SheetError: no password was given (and Excel's default one does not open it), the
            password is wrong, or the file is damaged or encrypted in an unknown way.
    """
    import msoffcrypto  # type: ignore[import-untyped]

    with path.open("rb") as file:
        try:
            office = msoffcrypto.OfficeFile(file)
        except Exception as error:  # noqa: BLE001 - see the module docstring
            raise _damaged(path, error) from None
        if password is None:
            if office.format == "xls97" and _try_key(path, office, EXCEL_DEFAULT_PASSWORD):
                return _decrypted(path, office)
            raise protected(path)
        if not _try_key(path, office, password):
            raise SheetError(path, WRONG_PASSWORD)
        return _decrypted(path, office)


def protected(path: Path) -> SheetError:
    """The error of a protected workbook opened without a password."""
    return SheetError(path, PROTECTED, remedy=Remedy.GIVE_PASSWORD)


def _damaged(path: Path, error: Exception) -> SheetError:
    return SheetError(path, f"is a damaged or unsupported password-protected file ({error})")


def _try_key(path: Path, office: Any, password: str) -> bool:
    """Load ``password`` as the key; return False when it is wrong."""
    from msoffcrypto import exceptions as crypto_errors

    try:
        if office.format == "ooxml":
            office.load_key(password=password, verify_password=True)
        else:
            office.load_key(password=password)
    except crypto_errors.InvalidKeyError:
        return False
    except Exception as error:  # noqa: BLE001 - see the module docstring
        raise _damaged(path, error) from None
    return True


def _decrypted(path: Path, office: Any) -> io.BytesIO:
    from msoffcrypto import exceptions as crypto_errors

    out = io.BytesIO()
    try:
        office.decrypt(out)
    except crypto_errors.InvalidKeyError:
        raise SheetError(path, WRONG_PASSWORD) from None
    except Exception as error:  # noqa: BLE001 - see the module docstring
        raise _damaged(path, error) from None
    out.seek(0)
    return out


def encrypt_file(path: Path, password: str) -> None:
    """Encrypt an .xlsx in place with a password to open (Excel's "Encrypt with Password").

    Excel and LibreOffice ask for the password when the file is opened; :func:`decrypt` reads
    it back. The file is replaced whole or left as it was (see :func:`save_bytes`).

    Raises:
        SheetError: the password is empty, or the file cannot be encrypted or written.
    """
    from member_reach.sheets.saving import EMPTY_PASSWORD, save_bytes  # openpyxl: when used

    if not password:
        raise SheetError(path, EMPTY_PASSWORD)
    try:
        plain = io.BytesIO(path.read_bytes())
    except OSError as exc:
        if isinstance(exc, PermissionError):
            raise unreadable(path, exc) from None
        raise SheetError(path, f"cannot be encrypted: {exc.strerror or exc}") from None
    save_bytes(path, plain, password)
