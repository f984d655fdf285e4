"""The batch output file: one JSON record per line, appended durably, compacted at the end.

A record is ``{"id", "status": "ok"|"failed", "reason", "result"}`` (plus ``"url"`` when the
input gave one). During a run, records are appended by one writer, each line written, flushed
and fsynced before the next, so a crash (even SIGKILL) loses at most the line being written.
A later run over the same file resumes: :func:`read_records` tolerates that torn last line and
cuts it off before anything is appended after it. When the run ends, :func:`compact` rewrites
the file atomically (temp file + ``os.replace``) with the last record of each id, in input order.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

STATUSES = ("ok", "failed")

Record = dict[str, Any]


class NotABatchOutput(ValueError):
    """The --out file exists but does not hold batch records; it is left untouched."""


class OutputLocked(RuntimeError):
    """Another process is writing the same --out file."""


def encode_record(record: Record) -> bytes:
    """One output line. Arabic stays readable (no ``\\u`` escapes); the file is UTF-8."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _decode_record(raw: bytes) -> Record | None:
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str)
        or record.get("status") not in STATUSES
        or (record["status"] == "ok" and not isinstance(record.get("result"), dict))
    ):
        return None
    return record


def read_records(path: Path, *, repair: bool = False) -> list[Record]:
    """Every record in ``path``, in file order (empty when the file does not exist).

    A torn last line (no newline at the end, left by a killed run) is ignored; with
    ``repair=True`` it is also cut off the file, so that the next append starts on a fresh line
    instead of gluing a record onto the fragment.

    Raises:
        NotABatchOutput: a complete line is not a record, so the file is something else (a
            batch never writes such a line); refusing protects it from being compacted away.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    lines = data.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline, else an unterminated line
    records: list[Record] = []
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record = _decode_record(raw)
        if record is None:
            raise NotABatchOutput(
                f"{path} line {lineno} is not a batch record; choose another --out "
                "(a batch output file holds only the lines a batch wrote)"
            )
        records.append(record)
    if tail.strip():
        record = _decode_record(tail)
        if record is not None:
            records.append(record)  # complete but unterminated: keep it, and terminate it
            if repair:
                with path.open("ab") as handle:
                    handle.write(b"\n")
                    handle.flush()
                    os.fsync(handle.fileno())
        else:
            log.warning("ignoring a partially written last line in %s (interrupted run)", path)
            if repair:
                with path.open("r+b") as handle:
                    handle.truncate(len(data) - len(tail))
                    handle.flush()
                    os.fsync(handle.fileno())
    return records


def last_by_id(records: Iterable[Record]) -> dict[str, Record]:
    """The last record of each id: a later line supersedes an earlier one (a retry)."""
    latest: dict[str, Record] = {}
    for record in records:
        latest.pop(record["id"], None)  # re-insert so dict order is that of the last line
        latest[record["id"]] = record
    return latest


class RecordWriter:
    """Appends records to the output file, one whole line at a time.

    ``write`` is called from worker threads (``asyncio.to_thread``); a thread lock keeps lines
    whole even when a cancelled task's thread is still finishing its write.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._handle = _open_locked(path)

    def write(self, record: Record) -> None:
        """Append one record and make it durable before returning."""
        line = encode_record(record)
        with self._lock:
            self._handle.write(line)
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        with self._lock:
            self._handle.close()  # closing also releases the advisory lock

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _open_locked(path: Path) -> Any:
    """Open ``path`` for appending, holding an exclusive advisory lock (POSIX) so two batches
    never interleave lines in one file."""
    for _ in range(3):
        handle = path.open("ab")
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one writer per file is on the user
            return handle
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise OutputLocked(f"another batch is writing {path}") from None
        # A batch that finished meanwhile may have replaced the file (compaction): make sure
        # the lock is on the file the path names now.
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        handle.close()
    raise OutputLocked(f"{path} keeps being replaced by another process")


def compact(path: Path, order: list[str]) -> list[Record]:
    """Rewrite ``path`` atomically with the last record of each id, ids of ``order`` first
    and in that order. Call it while holding the file's lock (:class:`RecordWriter`).

    Records of ids not in ``order`` (from a previous run over a different input) are kept after
    them when ``ok`` (results that cost model time are never thrown away) and dropped when
    ``failed`` (they describe inputs that no longer exist, e.g. a since-fixed JSONL line).

    Returns:
        The records written, in file order.
    """
    latest = last_by_id(read_records(path))
    wanted = set(order)
    kept = [latest[i] for i in order if i in latest]
    kept += [r for i, r in latest.items() if i not in wanted and r["status"] == "ok"]
    directory = path.parent
    prefix = f".{path.name}."
    for stale in directory.iterdir():
        # A run killed during a compaction leaves its temp file; the caller holds the lock,
        # so no other compaction is writing one now.
        if stale.name.startswith(prefix) and stale.name.endswith(".tmp"):
            stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for record in kept:
                handle.write(encode_record(record))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            # mkstemp makes the file 0600; keep the permissions the output had.
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)
    return kept


def _fsync_directory(directory: Path) -> None:
    # The rename is durable only once the directory entry is; not possible on Windows.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
