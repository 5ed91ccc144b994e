//! CRC-32 (the IEEE polynomial, as zip files use it), sixteen bytes at a time with sixteen lookup
//! tables of 256 entries, made the first time they are needed.

use std::sync::OnceLock;

/// The polynomial, bit-reversed (the least significant bit is the highest power).
const POLYNOMIAL: u32 = 0xedb8_8320;

type Tables = [[u32; 256]; 16];

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Box<Tables>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tables = Box::new([[0u32; 256]; 16]);
        for byte in 0..256u32 {
            let mut crc = byte;
            for _ in 0..8 {
                crc = (crc >> 1) ^ (POLYNOMIAL & (crc & 1).wrapping_neg());
            }
            tables[0][byte as usize] = crc;
        }
        // Table k gives the effect of a byte followed by k zero bytes.
        for k in 1..16 {
            for byte in 0..256 {
                let before = tables[k - 1][byte];
                tables[k][byte] = (before >> 8) ^ tables[0][(before & 0xff) as usize];
            }
        }
        tables
    })
}

/// Adds `bytes` to a CRC that has not been inverted at the end.
fn update(mut crc: u32, bytes: &[u8]) -> u32 {
    let tables = tables();
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        let first = crc ^ u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        let mut next = tables[15][(first & 0xff) as usize]
            ^ tables[14][((first >> 8) & 0xff) as usize]
            ^ tables[13][((first >> 16) & 0xff) as usize]
            ^ tables[12][(first >> 24) as usize];
        for (i, &byte) in block[4..].iter().enumerate() {
            next ^= tables[11 - i][byte as usize];
        }
        crc = next;
    }
    for &byte in blocks.remainder() {
        crc = (crc >> 8) ^ tables[0][((crc ^ u32::from(byte)) & 0xff) as usize];
    }
    crc
}

/// `a` times `b` modulo the polynomial, both bit-reversed.
fn multiply(a: u32, mut b: u32) -> u32 {
    let mut product = 0;
    for bit in (0..32).rev() {
        if (a >> bit) & 1 == 1 {
            product ^= b;
        }
        b = (b >> 1) ^ (POLYNOMIAL & (b & 1).wrapping_neg());
    }
    product
}

/// x to the power 8 × `bytes`, modulo the polynomial: multiplying a CRC by it appends that many
/// zero bytes.
fn zero_bytes(mut bytes: u64) -> u32 {
    let mut power = 1 << 31; // x⁰
    let mut square = 1 << 23; // x⁸
    while bytes != 0 {
        if bytes & 1 == 1 {
            power = multiply(square, power);
        }
        square = multiply(square, square);
        bytes >>= 1;
    }
    power
}

/// The CRC of `bytes`.
pub fn hash(bytes: &[u8]) -> u32 {
    let mut hasher = Hasher::new();
    hasher.update(bytes);
    hasher.finalize()
}

/// A CRC being computed, a part at a time.
#[derive(Clone)]
pub struct Hasher {
    /// The CRC of what was added so far (inverted, as it is reported).
    crc: u32,
    /// How many bytes that was.
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

    /// Continues from the CRC of `length` earlier bytes (the length matters to [`Hasher::combine`]).
    pub fn new_with_initial_len(crc: u32, length: u64) -> Self {
        Hasher { crc, length }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.length += bytes.len() as u64;
        self.crc = !update(!self.crc, bytes);
    }

    pub fn finalize(self) -> u32 {
        self.crc
    }

    pub fn reset(&mut self) {
        *self = Self::new();
    }

    /// Appends the bytes `other` has seen, as if they had been added here.
    pub fn combine(&mut self, other: &Self) {
        self.crc = multiply(zero_bytes(other.length), self.crc) ^ other.crc;
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
