//! Native Linux only: the global allocator of `libswta_abi.so`, which backs large allocations (a
//! full TrueNorth chip's crossbar, potentials, destinations, schedulers: 2–32 MB each) with
//! transparent huge pages. Random row reads over a 32 MB crossbar otherwise miss the TLB on nearly
//! every row, and on the benchmark VM the page walks stalled the row prefetches (docs/truenorth.md
//! §1.3: +15–25 % for the full chip). Where THP is set to `madvise` (Debian's default) only memory
//! marked with `madvise(MADV_HUGEPAGE)` gets huge pages, hence this allocator: blocks of at least
//! `HUGE_FROM` bytes are mapped directly (2 MB aligned, zeroed by the kernel) and marked; smaller
//! ones go to the system allocator. The core crate knows nothing of this.

use std::alloc::{GlobalAlloc, Layout, System};

const HUGE_PAGE: usize = 2 << 20;
const HUGE_FROM: usize = 2 << 20;

const PROT_READ: i32 = 1;
const PROT_WRITE: i32 = 2;
const MAP_PRIVATE: i32 = 0x02;
const MAP_ANONYMOUS: i32 = 0x20;
const MADV_HUGEPAGE: i32 = 14;
const MAP_FAILED: *mut u8 = !0usize as *mut u8;

extern "C" {
    fn mmap(addr: *mut u8, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut u8;
    fn munmap(addr: *mut u8, len: usize) -> i32;
    fn madvise(addr: *mut u8, len: usize, advice: i32) -> i32;
}

pub struct HugeAlloc;

/// Whether a block of this layout is mapped here (else it goes to the system allocator).
fn is_huge(layout: &Layout) -> bool {
    layout.size() >= HUGE_FROM && layout.align() <= HUGE_PAGE
}

/// Mapping length of a large block: whole huge pages.
fn mapped_len(size: usize) -> usize {
    (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE
}

impl HugeAlloc {
    /// A 2 MB-aligned anonymous mapping of `mapped_len(size)` bytes, marked for huge pages (null on
    /// failure, as `alloc` must return).
    unsafe fn map(size: usize) -> *mut u8 {
        let len = mapped_len(size);
        // over-map by one huge page, then unmap the misaligned head and the tail
        let raw =
            mmap(std::ptr::null_mut(), len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if raw == MAP_FAILED {
            return std::ptr::null_mut();
        }
        let head = (HUGE_PAGE - raw as usize % HUGE_PAGE) % HUGE_PAGE;
        if head > 0 {
            munmap(raw, head);
        }
        let p = raw.add(head);
        // the tail is never empty, as head < HUGE_PAGE
        munmap(p.add(len), HUGE_PAGE - head);
        // advice only: without THP the block is still valid memory
        madvise(p, len, MADV_HUGEPAGE);
        p
    }
}

// SAFETY: large blocks are private anonymous mappings owned by exactly one allocation (mapped in
// `alloc`, unmapped with the same rounded length in `dealloc`, told apart from system blocks by the
// layout's size, which Rust passes unchanged to both); alignment ≤ 2 MB is met by construction.
unsafe impl GlobalAlloc for HugeAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_huge(&layout) {
            Self::map(layout.size())
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_huge(&layout) {
            Self::map(layout.size()) // fresh anonymous pages are zero
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_huge(&layout) {
            munmap(ptr, mapped_len(layout.size()));
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if !is_huge(&layout) && !is_huge(&new_layout) {
            return System.realloc(ptr, layout, new_size);
        }
        let q = self.alloc(new_layout);
        if !q.is_null() {
            std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::HUGE_PAGE;

    #[test]
    fn large_blocks_are_zeroed_aligned_and_usable() {
        let mut v = vec![0u64; (5 << 20) / 8 + 3];
        assert_eq!(v.as_ptr() as usize % HUGE_PAGE, 0);
        assert!(v.iter().all(|&x| x == 0));
        for (i, x) in v.iter_mut().enumerate() {
            *x = i as u64 * 7;
        }
        assert_eq!(v[v.len() - 1], (v.len() as u64 - 1) * 7);
    }

    #[test]
    fn realloc_across_the_threshold_keeps_the_contents() {
        let mut v: Vec<u32> = (0..100_000).collect(); // 400 KB: system allocator
        v.reserve_exact(3_000_000); // > 2 MB: mapped
        v.extend(100_000..1_000_000u32);
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32));
        v.truncate(50_000);
        v.shrink_to_fit(); // back below the threshold
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32));
        assert_eq!(v.len(), 50_000);
    }
}
