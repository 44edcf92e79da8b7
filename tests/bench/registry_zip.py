"""The bulk download's zip: written from (name, JSON bytes, has results) entries as they come."""
from __future__ import annotations

import multiprocessing
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path


@dataclass(frozen=True)
class CorpusStats:
    """What write_zip wrote."""

    count: int
    bytes: int  # uncompressed JSON
    largest: int
    with_results: int
    zip_bytes: int
    seconds: float

    @property
    def mean(self) -> float:
        return self.bytes / self.count if self.count else 0.0


def write_entries(path: str | Path, entries: Iterator[tuple[str, bytes, bool]], *,
                  compresslevel: int = 1, writer_process: bool = False) -> CorpusStats:
    """Write the entries to a zip in the bulk download's layout, as they come.

    The zip is written as the entries come (ZIP_DEFLATED, zip64 when large), to a ``.part``
    file renamed to path once complete. With writer_process a second process compresses and
    writes while this one makes the entries: faster when a second core is free, slower when it
    is not (then the two only add their hand-over to the work). The bytes written are the same
    either way.
    """
    target = Path(path)
    part = target.with_name(target.name + ".part")
    began = time.perf_counter()
    tally = _Tally()
    batches = _batches(entries)
    if writer_process:
        # fork needs no re-import of the caller's main module; it is safe while this process
        # runs a single thread.
        fork = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        context = (multiprocessing.get_context("fork") if fork else
                   multiprocessing.get_context("spawn"))
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_zip_writer, args=(str(part), compresslevel, receiver),
                                  name="zip-writer", daemon=True)
        process.start()
        receiver.close()
        try:
            for batch in batches:
                sender.send([(name, data) for name, data, _ in batch])
                tally.add(batch)
            sender.send(None)
            process.join()
        except OSError as error:  # the writer is gone: say so rather than "broken pipe"
            process.join()
            raise RuntimeError(
                f"the zip writer process failed (exit code {process.exitcode})") from error
        except BaseException:
            process.terminate()
            process.join()
            raise
        finally:
            sender.close()
        if process.exitcode != 0:
            raise RuntimeError(f"the zip writer process failed (exit code {process.exitcode})")
    else:
        with _open_zip(part, compresslevel) as archive:
            for batch in batches:
                _add(archive, [(name, data) for name, data, _ in batch], compresslevel)
                tally.add(batch)
    part.replace(target)
    return CorpusStats(tally.count, tally.json_bytes, tally.largest, tally.with_results,
                       target.stat().st_size, time.perf_counter() - began)


@dataclass
class _Tally:
    """Counts of the entries written so far."""

    count: int = 0
    json_bytes: int = 0
    largest: int = 0
    with_results: int = 0

    def add(self, batch: list[tuple[str, bytes, bool]]) -> None:
        for _, data, has_results in batch:
            self.count += 1
            self.json_bytes += len(data)
            self.largest = max(self.largest, len(data))
            self.with_results += has_results


def _batches(entries: Iterator[tuple[str, bytes, bool]],
             size: int = 64) -> Iterator[list[tuple[str, bytes, bool]]]:
    batch: list[tuple[str, bytes, bool]] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _open_zip(path: str | Path, compresslevel: int) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                           compresslevel=compresslevel, allowZip64=True)


def _add(archive: zipfile.ZipFile, batch: list[tuple[str, bytes]], compresslevel: int) -> None:
    for name, data in batch:
        info = zipfile.ZipInfo(name, date_time=(2025, 9, 30, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data, compresslevel=compresslevel)


def _zip_writer(path: str, compresslevel: int, receiver: Connection) -> None:
    """The writer process: add the batches received to the zip, until None."""
    with _open_zip(path, compresslevel) as archive:
        while (batch := receiver.recv()) is not None:
            _add(archive, batch, compresslevel)
