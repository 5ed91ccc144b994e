//! The stand-in against crc32fast itself (what the browser and the CLI run against what it
//! stands in for), on lengths around every block boundary, in parts, continued and combined.

// The crate under test is called crc32fast too; the real one is `real` (Cargo.toml).
use ::crc32fast as ours;
use ::real as theirs;

/// Bytes that are not a pattern a wrong table could still get right.
fn bytes(length: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

#[test]
fn known_values() {
    assert_eq!(ours::hash(b""), 0);
    assert_eq!(ours::hash(b"123456789"), 0xcbf4_3926);
    assert_eq!(ours::hash(&[0xff; 32]), theirs::hash(&[0xff; 32]));
}

#[test]
fn whole_buffers_of_every_length_near_the_blocks() {
    for length in (0..200).chain([1023, 1024, 1025, 65_536, 100_003]) {
        let data = bytes(length, length as u32);
        assert_eq!(ours::hash(&data), theirs::hash(&data), "length {length}");
        // The browser's tables, natively too.
        assert_eq!(ours::tables::crc32(0, &data), theirs::hash(&data), "tables, length {length}");
        let half = length / 2;
        let front = ours::tables::crc32(0, &data[..half]);
        assert_eq!(ours::tables::crc32(front, &data[half..]), theirs::hash(&data), "tables in two, length {length}");
    }
}

#[test]
fn in_parts_continued_and_reset() {
    let data = bytes(5000, 7);
    for split in [0, 1, 15, 16, 17, 63, 64, 65, 2500, 4999, 5000] {
        let mut ours = ours::Hasher::new();
        let mut their_hasher = theirs::Hasher::new();
        ours.update(&data[..split]);
        their_hasher.update(&data[..split]);
        ours.update(&data[split..]);
        their_hasher.update(&data[split..]);
        assert_eq!(ours.clone().finalize(), their_hasher.clone().finalize(), "split at {split}");

        let start = theirs::hash(&data[..split]);
        let mut ours = ours::Hasher::new_with_initial(start);
        ours.update(&data[split..]);
        assert_eq!(ours.finalize(), theirs::hash(&data), "continued at {split}");
    }
    let mut ours = ours::Hasher::default();
    ours.update(&data);
    ours.reset();
    ours.update(b"123456789");
    assert_eq!(ours.finalize(), 0xcbf4_3926);
}

#[test]
fn combined() {
    let data = bytes(3000, 11);
    for split in [0, 1, 16, 100, 1500, 2999, 3000] {
        let (front, back) = data.split_at(split);
        let mut ours = ours::Hasher::new_with_initial_len(ours::hash(front), front.len() as u64);
        let mut rest = ours::Hasher::new();
        rest.update(back);
        ours.combine(&rest);
        let mut their_hasher = theirs::Hasher::new_with_initial_len(theirs::hash(front), front.len() as u64);
        let mut their_rest = theirs::Hasher::new();
        their_rest.update(back);
        their_hasher.combine(&their_rest);
        let mut last = ours::Hasher::new();
        last.update(b"end");
        ours.combine(&last);
        let mut their_last = theirs::Hasher::new();
        their_last.update(b"end");
        their_hasher.combine(&their_last);
        assert_eq!(ours.finalize(), their_hasher.finalize(), "split at {split}");
    }
}

#[test]
fn as_a_standard_hasher() {
    use std::hash::Hasher as _;
    let mut ours = ours::Hasher::new();
    let mut their_hasher = theirs::Hasher::new();
    ours.write(b"Better Care Fund");
    their_hasher.write(b"Better Care Fund");
    assert_eq!(ours.finish(), their_hasher.finish());
}
