"""Process-wide memory settings of `lsq-mock serve`: memory given back to the system after large
bodies (RSS follows the journal's byte budget), and the start-up objects set aside from the
garbage collector (no long pauses)."""

from __future__ import annotations

import ctypes
import gc

M_MMAP_THRESHOLD = -3
"""glibc's mallopt() parameter number for the mmap threshold (malloc.h)."""
LARGE_BLOCK_BYTES = 128 * 1024


def release_large_blocks(threshold: int = LARGE_BLOCK_BYTES) -> bool:
    """Have glibc map every block over `threshold` bytes on its own and unmap it when freed.

    glibc does so by default, but raises the threshold each time such a block is freed; after
    the first 2 MiB body the next ones came from the heap, where the journal's smaller blocks
    pinned them, and RSS grew to twice the journal's budget and more. Fixing the threshold keeps
    it near the budget. Process-wide: `lsq-mock serve` calls it, a library user's process is
    left alone. False where the C library has no mallopt (macOS, Windows) or refuses.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, threshold))


def set_aside_startup_objects() -> None:
    """Leave the objects made so far (modules, schemas, the app, the seeded store) out of every
    later garbage collection: each full collection walked them all, a pause of 10-20 ms that
    made the slowest calls. Process-wide, so `lsq-mock serve` calls it once the app is built."""
    gc.collect()
    gc.freeze()
