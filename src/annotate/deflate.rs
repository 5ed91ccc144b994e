//! A small DEFLATE compressor (RFC 1951) for the few parts the marked copy rewrites: LZ77 with a
//! hash chain, coded with the fixed Huffman codes. Why our own: the zip crate's writer links every
//! compressor it supports (75 KB of the browser's download for one button); this is a few KB and
//! keeps the copy about as small as the original (XML compresses well even with fixed codes).

/// The longest and furthest a match may be.
const MAX_MATCH: usize = 258;
const MIN_MATCH: usize = 3;
const WINDOW: usize = 32 * 1024;
const HASH_BITS: u32 = 15;
/// How many earlier places with the same three bytes are tried: enough for XML's repetition.
const MAX_CHAIN: usize = 48;

const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

struct Bits {
    out: Vec<u8>,
    buffer: u64,
    count: u32,
}

impl Bits {
    /// Writes the low `n` bits of `value`, least significant first (as DEFLATE packs them).
    fn put(&mut self, value: u32, n: u32) {
        self.buffer |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.buffer as u8);
            self.buffer >>= 8;
            self.count -= 8;
        }
    }

    /// Writes a Huffman code, which DEFLATE packs most significant bit first.
    fn code(&mut self, code: u32, n: u32) {
        self.put(code.reverse_bits() >> (32 - n), n);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buffer as u8);
        }
        self.out
    }
}

/// The fixed code of a literal or length symbol (0–287).
fn literal(bits: &mut Bits, symbol: u32) {
    match symbol {
        0..=143 => bits.code(0x30 + symbol, 8),
        144..=255 => bits.code(0x190 + symbol - 144, 9),
        256..=279 => bits.code(symbol - 256, 7),
        _ => bits.code(0xC0 + symbol - 280, 8),
    }
}

fn length(bits: &mut Bits, len: usize) {
    let i = LENGTH_BASE.iter().rposition(|&b| usize::from(b) <= len).unwrap_or(0);
    literal(bits, 257 + i as u32);
    bits.put((len - usize::from(LENGTH_BASE[i])) as u32, u32::from(LENGTH_EXTRA[i]));
}

fn distance(bits: &mut Bits, dist: usize) {
    let i = DISTANCE_BASE.iter().rposition(|&b| usize::from(b) <= dist).unwrap_or(0);
    bits.code(i as u32, 5);
    bits.put((dist - usize::from(DISTANCE_BASE[i])) as u32, u32::from(DISTANCE_EXTRA[i]));
}

fn hash(data: &[u8], at: usize) -> usize {
    let v = u32::from(data[at]) | u32::from(data[at + 1]) << 8 | u32::from(data[at + 2]) << 16;
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

/// `data` as one final DEFLATE block with the fixed codes.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits { out: Vec::with_capacity(data.len() / 3 + 16), buffer: 0, count: 0 };
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
                    // The most recent place each hash was seen, and for each place the one before it.
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut previous = vec![usize::MAX; WINDOW];
    let insert = |head: &mut Vec<usize>, previous: &mut Vec<usize>, at: usize| {
        if at + MIN_MATCH <= data.len() {
            let h = hash(data, at);
            previous[at % WINDOW] = head[h];
            head[h] = at;
        }
    };
    let mut at = 0;
    while at < data.len() {
        let mut best = (0usize, 0usize);
        if at + MIN_MATCH <= data.len() {
            let mut candidate = head[hash(data, at)];
            let limit = (data.len() - at).min(MAX_MATCH);
            let mut tries = 0;
            while candidate != usize::MAX && at - candidate <= WINDOW && tries < MAX_CHAIN {
                let len = data[candidate..].iter().zip(&data[at..at + limit]).take_while(|(a, b)| a == b).count();
                if len > best.0 {
                    best = (len, at - candidate);
                    if len == limit {
                        break;
                    }
                }
                let next = previous[candidate % WINDOW];
                // A chain only goes back in the file; anything else is a slot reused since.
                if next == usize::MAX || next >= candidate {
                    break;
                }
                candidate = next;
                tries += 1;
            }
        }
        if best.0 >= MIN_MATCH {
            length(&mut bits, best.0);
            distance(&mut bits, best.1);
            for i in at..at + best.0 {
                insert(&mut head, &mut previous, i);
            }
            at += best.0;
        } else {
            literal(&mut bits, u32::from(data[at]));
            insert(&mut head, &mut previous, at);
            at += 1;
        }
    }
    literal(&mut bits, 256); // end of block
    bits.finish()
}

// flate2, the standard decoder the tests compare with, is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::io::Read;

    fn round_trip(data: &[u8]) -> Vec<u8> {
        let compressed = compress(data);
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(compressed.as_slice()).read_to_end(&mut out).expect("valid DEFLATE");
        out
    }

    #[test]
    fn what_is_compressed_is_what_a_standard_decoder_reads() {
        let xml: Vec<u8> = (0..3000)
            .flat_map(|i| format!(r#"<row r="{i}"><c r="A{i}" s="3" t="s"><v>{}</v></c></row>"#, i % 17).into_bytes())
            .collect();
        let mut noise = Vec::new();
        let mut x: u32 = 1;
        for _ in 0..70_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        let runs = vec![b'a'; 100_000];
        for case in [&b""[..], b"a", b"ab", b"abc", b"abcabcabcabc", &xml, &noise, &runs] {
            assert_eq!(round_trip(case), case, "{} bytes", case.len());
        }
        assert!(compress(&xml).len() * 5 < xml.len(), "XML compresses: {} of {}", compress(&xml).len(), xml.len());
    }
}
