//! The interface of crc32fast that zip and flate2 call, [`hash`] and [`Hasher`]: natively over
//! `zlib_rs::crc32` (the processor's carry-less multiply), in the browser over [`tables`]. The
//! tests compare both with crc32fast itself.

pub mod tables;

#[cfg(target_arch = "wasm32")]
use tables::crc32;
#[cfg(not(target_arch = "wasm32"))]
use zlib_rs::crc32::crc32;
use zlib_rs::crc32::crc32_combine;

/// The CRC of `bytes`.
pub fn hash(bytes: &[u8]) -> u32 {
    crc32(0, bytes)
}

/// A CRC being computed, a part at a time.
#[derive(Clone)]
pub struct Hasher {
    /// The CRC of what was added so far.
    crc: u32,
    /// How many bytes that was (what [`Hasher::combine`] needs of the other part).
    length: u64,
}

impl Hasher {
    pub fn new() -> Self {
        Self::new_with_initial(0)
    }

    /// Continues from the CRC of some earlier bytes.
    pub fn new_with_initial(crc: u32) -> Self {
        Self::new_with_initial_len(crc, 0)
    }

    /// Continues from the CRC of `length` earlier bytes.
    pub fn new_with_initial_len(crc: u32, length: u64) -> Self {
        Hasher { crc, length }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.length += bytes.len() as u64;
        self.crc = crc32(self.crc, bytes);
    }

    pub fn finalize(self) -> u32 {
        self.crc
    }

    pub fn reset(&mut self) {
        *self = Self::new();
    }

    /// Appends the bytes `other` has seen, as if they had been added here.
    pub fn combine(&mut self, other: &Self) {
        self.crc = crc32_combine(self.crc, other.crc, other.length);
        self.length += other.length;
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("crc32fast::Hasher").finish()
    }
}

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        u64::from(self.crc)
    }
}
