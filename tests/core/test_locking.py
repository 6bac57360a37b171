"""The evening's read-write lock: readers share it, a fold has it alone, nobody deadlocks."""

from __future__ import annotations

import threading
import time

from shared.core.locking import ReadWriteLock

BOUND = 5.0  # seconds any wait here may take before the test calls it a deadlock


def in_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_readers_share_the_lock():
    lock, inside, both = ReadWriteLock(), [], threading.Barrier(2, timeout=BOUND)

    def read():
        with lock.reading():
            inside.append(1)
            both.wait()  # fails unless the other reader is in at the same time

    threads = [in_thread(read), in_thread(read)]
    for t in threads:
        t.join(BOUND)
    assert inside == [1, 1]


def test_a_fold_waits_for_readers_and_new_readers_wait_for_a_waiting_fold():
    lock, order = ReadWriteLock(), []
    reader_in, let_reader_go = threading.Event(), threading.Event()

    def first_reader():
        with lock.reading():
            reader_in.set()
            let_reader_go.wait(BOUND)
            order.append("reader done")

    def fold():
        with lock.writing():
            order.append("fold")

    def late_reader():
        with lock.reading():
            order.append("late reader")

    a = in_thread(first_reader)
    assert reader_in.wait(BOUND)
    b = in_thread(fold)
    deadline = time.monotonic() + BOUND
    while not lock._writers_waiting and time.monotonic() < deadline:
        time.sleep(0.001)
    c = in_thread(late_reader)
    time.sleep(0.05)
    assert order == []  # the fold waits for the reader; the late reader waits for the fold
    let_reader_go.set()
    for t in (a, b, c):
        t.join(BOUND)
    assert order == ["reader done", "fold", "late reader"]


def test_a_reading_thread_may_fold_and_read_again():
    lock = ReadWriteLock()
    with lock.reading(), lock.reading():
        with lock.writing(), lock.writing(), lock.reading():
            pass
        with lock.set_aside(), lock.writing():
            pass
    # everything was let go: another thread may fold at once
    folded = threading.Event()

    def fold():
        with lock.writing():
            folded.set()

    in_thread(fold).join(BOUND)
    assert folded.is_set()


def test_two_reading_threads_that_both_write_do_not_deadlock():
    lock, store, done = ReadWriteLock(), threading.Lock(), []
    both_reading = threading.Barrier(2, timeout=BOUND)

    def read_then_write(name):
        with lock.reading():
            both_reading.wait()
            with lock.set_aside(), store, lock.writing():
                done.append(name)

    threads = [in_thread(lambda n=n: read_then_write(n)) for n in ("a", "b")]
    for t in threads:
        t.join(BOUND)
    assert sorted(done) == ["a", "b"]
