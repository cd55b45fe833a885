//! Asking the processor to load memory before it is read.
//!
//! The comparer reads claims block by block, and the claims of one block
//! (one subject and measure) lie far apart: each is one of hundreds of
//! thousands, in the order the sources were read. Read in turn, every claim
//! waits on main memory; asked for a few claims ahead, the loads overlap.
//! Over the 100 MB generated corpus this took clustering from about 250 ms
//! to 200 ms (2 threads).

/// Starts loading the cache line that holds the start of `value`. A hint
/// only: it changes no result, and built for targets other than x86-64 it
/// does nothing.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(value: &T) {
    prefetch_at((value as *const T).cast::<u8>());
}

/// Starts loading the cache line that holds `address`.
#[inline(always)]
fn prefetch_at(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and never faults,
    // whatever the address; SSE, which provides it, is part of every x86-64
    // processor.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(address.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}
