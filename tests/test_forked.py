"""Work on a second core: a forked child's result, its errors, and validation that agrees with the serial run."""

import os
import time

import pytest

from mlprep.forked import Forked, can_fork
from mlprep.validate import default_data_dir, validate

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def test_the_result_comes_from_another_process() -> None:
    parent = os.getpid()
    child = Forked(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = child.result()
    assert pid != parent
    assert value == [1, 2, 3]


def test_the_childs_error_is_raised_here() -> None:
    def fail() -> None:
        raise ValueError("no deck today")

    with pytest.raises(ValueError, match="^no deck today$"):
        Forked(fail).result()


def test_a_child_that_dies_is_reported_with_its_exit_code() -> None:
    with pytest.raises(RuntimeError, match=r"^the child process ended without an answer \(exit 3\)$"):
        Forked(lambda: os._exit(3)).result()


def test_cancel_stops_the_child() -> None:
    child = Forked(lambda: time.sleep(30))
    start = time.monotonic()
    child.cancel()
    assert time.monotonic() - start < 5
    assert child._process is not None and child._process.exitcode == -15


def test_parallel_validation_of_the_real_data_matches_the_serial_one() -> None:
    serial = validate(default_data_dir(), parallel=False)
    parallel = validate(default_data_dir(), parallel=True)
    assert parallel.findings == serial.findings
    assert parallel.bank.ids("questions") == serial.bank.ids("questions")
