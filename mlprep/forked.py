"""Run a function on another core: a forked child sees the parent's memory as it is, so nothing is copied in."""

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


class Forked(Generic[T]):
    """`function()` started in a forked child; `result()` waits for its value or raises its error.

    Without fork or a second core the function simply runs here, at once.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self._process: multiprocessing.Process | None = None
        if not can_fork():
            self._outcome: tuple[bool, T | BaseException] | None = _outcome_of(function)
            return
        self._outcome = None
        self._receiver, sender = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_send_outcome, args=(function, sender), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> T:
        if self._outcome is None:
            try:
                outcome = self._receiver.recv()
            except EOFError:
                outcome = None
            self._process.join()  # type: ignore[union-attr]
            exit_code = self._process.exitcode  # type: ignore[union-attr]
            self._outcome = outcome or (False, RuntimeError(f"the child process ended without an answer (exit {exit_code})"))
        succeeded, value = self._outcome
        if not succeeded:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _outcome_of(function: Callable[[], T]) -> tuple[bool, T | BaseException]:
    try:
        return True, function()
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it again
        return False, error


def _send_outcome(function: Callable[[], T], sender: Connection) -> None:
    sender.send(_outcome_of(function))
    sender.close()
