"""The app's log: a few rotating UTF-8 files in the data folder, never a password or a member.

The GUI and the command line log through the same setup (:func:`start_logging`). Code logs
error kinds and code locations, never rows; :class:`RedactingFilter` is the second safety net
that blanks anything looking like a database password, an e-mail address or a phone number
before a line reaches the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from member_reach import APP_NAME
from member_reach.store.paths import data_dir

LOG_FILE = f"{APP_NAME}.log"
#: One file of 1 MB and three older ones: 4 MB at most.
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@", re.IGNORECASE)
_PASSWORD_SETTING = re.compile(
    r"\b((?:pg)?pass(?:word|wd)?|pwd)(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|\S+)", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# Seven digits or more, with the separators people type between them.
_DIGITS = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")
# Dates and times are no phone numbers: set aside before the digit runs are looked for.
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?")
MIN_PHONE_DIGITS = 7


def _phone_or_kept(match: re.Match[str]) -> str:
    text = match.group(0)
    return "<phone>" if sum(c.isdigit() for c in text) >= MIN_PHONE_DIGITS else text


def redact(text: str) -> str:
    """Return ``text`` with passwords, e-mail addresses and phone-like digit runs blanked."""
    text = _URL_PASSWORD.sub(r"\1<password>@", text)
    text = _PASSWORD_SETTING.sub(r"\1\2<password>", text)
    text = _EMAIL.sub("<e-mail>", text)
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _DIGITS.sub(_phone_or_kept, _DATE_TIME.sub(set_aside, text))
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


class RedactingFilter(logging.Filter):
    """Blanks passwords, e-mail addresses and phone numbers in a record, traceback included."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place (its message, arguments merged; its traceback); keep it."""
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def logs_dir() -> Path:
    """The folder of the log files (in the user's data folder; not created here)."""
    return data_dir() / "logs"


def log_path(folder: Path | None = None) -> Path:
    """The current log file in ``folder`` (default: :func:`logs_dir`)."""
    return (folder or logs_dir()) / LOG_FILE


class _AppHandler(logging.handlers.RotatingFileHandler):
    """The handler :func:`start_logging` installs (told apart so a second call replaces it)."""


def start_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send the app's log records to a rotating file in ``folder``; return the file.

    Nothing goes to the terminal: the command line says on stderr only what it always said.
    Calling it again replaces the handler. A folder that cannot be created leaves the app
    without a log file (returns None) rather than stopping it.
    """
    path = log_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _AppHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        # Without a file, records go nowhere: never to stderr through logging's last resort.
        logger = logging.getLogger(APP_NAME)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(APP_NAME)
    stop_logging()
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def stop_logging() -> None:
    """Remove and close the handler :func:`start_logging` installed, if any."""
    logger = logging.getLogger(APP_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, _AppHandler):
            logger.removeHandler(handler)
            handler.close()


def current_log() -> Path | None:
    """The file the app logs to now, or None when :func:`start_logging` has not run."""
    for handler in logging.getLogger(APP_NAME).handlers:
        if isinstance(handler, _AppHandler):
            return Path(handler.baseFilename)
    return None
