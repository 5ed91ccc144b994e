//! The stand-in's own tables against crc32fast itself (what the browser runs against what it
//! stands in for), on lengths around every block boundary, in parts, continued and combined.

use crc32fast::tables;

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
    assert_eq!(tables::hash(b""), 0);
    assert_eq!(tables::hash(b"123456789"), 0xcbf4_3926);
    assert_eq!(tables::hash(&[0xff; 32]), crc32fast::hash(&[0xff; 32]));
}

#[test]
fn whole_buffers_of_every_length_near_the_blocks() {
    for length in (0..200).chain([1023, 1024, 1025, 65_536, 100_003]) {
        let data = bytes(length, length as u32);
        assert_eq!(tables::hash(&data), crc32fast::hash(&data), "length {length}");
    }
}

#[test]
fn in_parts_continued_and_reset() {
    let data = bytes(5000, 7);
    for split in [0, 1, 15, 16, 17, 63, 64, 65, 2500, 4999, 5000] {
        let mut ours = tables::Hasher::new();
        let mut theirs = crc32fast::Hasher::new();
        ours.update(&data[..split]);
        theirs.update(&data[..split]);
        ours.update(&data[split..]);
        theirs.update(&data[split..]);
        assert_eq!(ours.clone().finalize(), theirs.clone().finalize(), "split at {split}");

        let start = crc32fast::hash(&data[..split]);
        let mut ours = tables::Hasher::new_with_initial(start);
        ours.update(&data[split..]);
        assert_eq!(ours.finalize(), crc32fast::hash(&data), "continued at {split}");
    }
    let mut ours = tables::Hasher::default();
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
        let mut ours = tables::Hasher::new_with_initial_len(tables::hash(front), front.len() as u64);
        let mut rest = tables::Hasher::new();
        rest.update(back);
        ours.combine(&rest);
        let mut theirs = crc32fast::Hasher::new_with_initial_len(crc32fast::hash(front), front.len() as u64);
        let mut their_rest = crc32fast::Hasher::new();
        their_rest.update(back);
        theirs.combine(&their_rest);
        let mut last = tables::Hasher::new();
        last.update(b"end");
        ours.combine(&last);
        let mut their_last = crc32fast::Hasher::new();
        their_last.update(b"end");
        theirs.combine(&their_last);
        assert_eq!(ours.finalize(), theirs.finalize(), "split at {split}");
    }
}

#[test]
fn as_a_standard_hasher() {
    use std::hash::Hasher as _;
    let mut ours = tables::Hasher::new();
    let mut theirs = crc32fast::Hasher::new();
    ours.write(b"Better Care Fund");
    theirs.write(b"Better Care Fund");
    assert_eq!(ours.finish(), theirs.finish());
}
