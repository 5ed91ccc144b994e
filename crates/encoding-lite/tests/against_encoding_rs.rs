//! The stand-in against the real encoding_rs: the same text, the same errors, for every encoding
//! it decodes in full, on every byte, on random input, in one piece and streamed in small pieces.

use encoding_rs as lite;

/// Each encoding of both crates, by name.
fn pairs() -> Vec<(&'static lite::Encoding, &'static real::Encoding)> {
    vec![
        (lite::BIG5, real::BIG5),
        (lite::EUC_JP, real::EUC_JP),
        (lite::EUC_KR, real::EUC_KR),
        (lite::GBK, real::GBK),
        (lite::IBM866, real::IBM866),
        (lite::ISO_2022_JP, real::ISO_2022_JP),
        (lite::ISO_8859_10, real::ISO_8859_10),
        (lite::ISO_8859_13, real::ISO_8859_13),
        (lite::ISO_8859_14, real::ISO_8859_14),
        (lite::ISO_8859_15, real::ISO_8859_15),
        (lite::ISO_8859_16, real::ISO_8859_16),
        (lite::ISO_8859_2, real::ISO_8859_2),
        (lite::ISO_8859_3, real::ISO_8859_3),
        (lite::ISO_8859_4, real::ISO_8859_4),
        (lite::ISO_8859_5, real::ISO_8859_5),
        (lite::ISO_8859_6, real::ISO_8859_6),
        (lite::ISO_8859_7, real::ISO_8859_7),
        (lite::ISO_8859_8, real::ISO_8859_8),
        (lite::ISO_8859_8_I, real::ISO_8859_8_I),
        (lite::KOI8_R, real::KOI8_R),
        (lite::KOI8_U, real::KOI8_U),
        (lite::SHIFT_JIS, real::SHIFT_JIS),
        (lite::UTF_16BE, real::UTF_16BE),
        (lite::UTF_16LE, real::UTF_16LE),
        (lite::UTF_8, real::UTF_8),
        (lite::GB18030, real::GB18030),
        (lite::MACINTOSH, real::MACINTOSH),
        (lite::REPLACEMENT, real::REPLACEMENT),
        (lite::WINDOWS_1250, real::WINDOWS_1250),
        (lite::WINDOWS_1251, real::WINDOWS_1251),
        (lite::WINDOWS_1252, real::WINDOWS_1252),
        (lite::WINDOWS_1253, real::WINDOWS_1253),
        (lite::WINDOWS_1254, real::WINDOWS_1254),
        (lite::WINDOWS_1255, real::WINDOWS_1255),
        (lite::WINDOWS_1256, real::WINDOWS_1256),
        (lite::WINDOWS_1257, real::WINDOWS_1257),
        (lite::WINDOWS_1258, real::WINDOWS_1258),
        (lite::WINDOWS_874, real::WINDOWS_874),
        (lite::X_MAC_CYRILLIC, real::X_MAC_CYRILLIC),
        (lite::X_USER_DEFINED, real::X_USER_DEFINED),
    ]
}

/// The East Asian multi-byte encodings, which the stand-in reads as ASCII only.
fn multi_byte(e: &'static real::Encoding) -> bool {
    [real::BIG5, real::EUC_JP, real::EUC_KR, real::GBK, real::GB18030, real::ISO_2022_JP, real::SHIFT_JIS].contains(&e)
}

/// Inputs: every byte alone, all bytes in order, text in several scripts (as UTF-8 and UTF-16,
/// with and without byte-order marks), broken UTF-8 and UTF-16, and pseudo-random bytes.
fn inputs() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = (0u8..=255).map(|b| vec![b]).collect();
    inputs.push((0u8..=255).collect());
    inputs.push(Vec::new());
    let text = "Better Care Fund £1,000 – café, Zürich, Ελλάδα, Москва, עברית, 日本語, 😀 end";
    inputs.push(text.as_bytes().to_vec());
    inputs.push([&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat());
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    inputs.push([&[0xFF, 0xFE][..], &le].concat());
    inputs.push([&[0xFE, 0xFF][..], &be].concat());
    inputs.push(le.clone());
    inputs.push(be);
    inputs.push([&le[..], &[0x41]].concat()); // an odd byte at the end
    inputs.push(vec![0x00, 0xD8, 0x41, 0x00]); // a high surrogate alone (LE)
    inputs.push(vec![0x00, 0xDC, 0x41, 0x00]); // a low surrogate alone (LE)
    inputs.push(vec![0x3D, 0xD8, 0x00, 0xDE]); // 😀 (LE)
    for broken in [
        &[0xC3][..],
        &[0xC3, 0x41],
        &[0xE2, 0x82],
        &[0xE2, 0x82, 0x41],
        &[0xF0, 0x9F, 0x98],
        &[0xF0, 0x9F, 0x98, 0x41, 0x80],
        &[0xED, 0xA0, 0x80],
        &[0xE0, 0x80, 0x80],
        &[0xF4, 0x90, 0x80, 0x80],
        &[0xC0, 0xAF],
        &[0xFF, 0x41, 0xFE],
        &[0x41, 0x80, 0x42, 0xBF, 0x43],
    ] {
        inputs.push(broken.to_vec());
    }
    let mut x: u32 = 12_345;
    for length in [1, 2, 3, 7, 64, 500, 4096] {
        for _ in 0..20 {
            inputs.push(
                (0..length)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        (x >> 16) as u8
                    })
                    .collect(),
            );
        }
    }
    // Mostly ASCII with a few high bytes, as a Western .xls's text is.
    inputs.push(b"Scheme \x93Home first\x94 \x96 \xA3250,000 \x80 caf\xE9".to_vec());
    inputs
}

/// Whether the stand-in must agree with encoding_rs on this input for this encoding.
fn compared(e: &'static real::Encoding, input: &[u8]) -> bool {
    !multi_byte(e) || input.iter().all(|b| b.is_ascii() && !matches!(b, 0x1B | 0x0E | 0x0F | 0x7E | 0x5C))
}

#[test]
fn whole_inputs_decode_as_encoding_rs_decodes_them() {
    for (ours, theirs) in pairs() {
        assert_eq!(ours.name(), theirs.name());
        for input in inputs().iter().filter(|i| compared(theirs, i)) {
            let (a, b) = (ours.decode(input), theirs.decode(input));
            assert_eq!(
                (a.0.as_ref(), a.1.name(), a.2),
                (b.0.as_ref(), b.1.name(), b.2),
                "{} decode {input:02X?}",
                theirs.name()
            );
            assert_eq!(
                ours.decode_without_bom_handling_and_without_replacement(input).as_deref(),
                theirs.decode_without_bom_handling_and_without_replacement(input).as_deref(),
                "{} without replacement {input:02X?}",
                theirs.name()
            );
        }
    }
}

/// Decodes in pieces of `size` bytes without replacement: the text, or `None` at an error.
fn streamed_lite(e: &'static lite::Encoding, input: &[u8], size: usize, room: usize) -> Option<String> {
    let mut decoder = e.new_decoder_without_bom_handling();
    let mut out = Vec::new();
    let pieces: Vec<&[u8]> = if input.is_empty() { vec![&[][..]] } else { input.chunks(size).collect() };
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        let mut rest = *piece;
        loop {
            let mut buffer = vec![0u8; room];
            let (result, read, written) = decoder.decode_to_utf8_without_replacement(rest, &mut buffer, last);
            out.extend_from_slice(&buffer[..written]);
            rest = &rest[read..];
            match result {
                lite::DecoderResult::InputEmpty => break,
                lite::DecoderResult::OutputFull => continue,
                lite::DecoderResult::Malformed(_, _) => return None,
            }
        }
    }
    String::from_utf8(out).ok()
}

#[test]
fn streamed_in_pieces_into_small_buffers_gives_the_same_text_and_errors() {
    for (ours, theirs) in pairs() {
        // The long random inputs only in large pieces: small pieces of them add time, not cases.
        for input in inputs().iter().filter(|i| compared(theirs, i)) {
            let expected = theirs.decode_without_bom_handling_and_without_replacement(input).map(|t| t.into_owned());
            let sizes: &[usize] = if input.len() > 600 { &[64] } else { &[1, 2, 3, 5, 64] };
            for &size in sizes {
                for room in [4, 7, 1024] {
                    assert_eq!(
                        streamed_lite(ours, input, size, room),
                        expected,
                        "{} in pieces of {size}, room {room}: {input:02X?}",
                        theirs.name()
                    );
                }
            }
            let mut decoder = ours.new_decoder_without_bom_handling();
            let mut text = String::new();
            let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
            match &expected {
                Some(t) => assert_eq!(
                    (result, read, text.as_str()),
                    (lite::DecoderResult::InputEmpty, input.len(), t.as_str())
                ),
                None => {
                    assert!(matches!(result, lite::DecoderResult::Malformed(_, _)), "{}: {input:02X?}", theirs.name())
                }
            }
        }
    }
}

#[test]
fn east_asian_text_is_read_as_ascii_with_the_rest_replaced() {
    // The one deliberate difference: a Shift_JIS .xls's Japanese text is not read.
    let (text, _, malformed) = lite::SHIFT_JIS.decode(b"Plan \x93\xfa\x96\x7b");
    assert!(text.starts_with("Plan "));
    assert!(text.contains('\u{FFFD}'));
    assert!(malformed);
    assert_eq!(lite::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(b"\x93\xfa"), None);
}

#[test]
fn labels_name_the_encodings_encoding_rs_names() {
    // The full list only: the file's second list (UTF-8's and UTF-16's labels) follows it.
    let labels = include_str!("../src/labels.rs").split("];").next().unwrap_or_default();
    let labels: Vec<&str> = labels.lines().filter_map(|l| l.trim().strip_prefix("(\"")?.split('"').next()).collect();
    assert_eq!(labels.len(), 228);
    let mut tried: Vec<String> = Vec::new();
    for label in &labels {
        tried.push(label.to_string());
        tried.push(label.to_uppercase());
        tried.push(format!(" \t{label}\n "));
    }
    tried.extend(["", " ", "utf-9", "latin-1x", "utf 8", "\u{17F}hift_jis"].map(String::from));
    for label in tried {
        assert_eq!(
            lite::Encoding::for_label(label.as_bytes()).map(|e| e.name()),
            real::Encoding::for_label(label.as_bytes()).map(|e| e.name()),
            "{label:?}"
        );
    }
}
