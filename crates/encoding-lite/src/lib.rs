//! bcf-check's stand-in for the `encoding_rs` crate, substituted for it with `[patch.crates-io]`.
//!
//! It provides the part of encoding_rs's interface that the spreadsheet parser (calamine), its
//! code page table (codepage) and its XML reader (quick-xml) call: every `Encoding` static, BOM
//! sniffing `decode`, decoding without replacement, and the streaming `Decoder`. UTF-8, UTF-16 and
//! every single-byte encoding decode exactly as encoding_rs does (the tests compare them byte for
//! byte). The East Asian multi-byte encodings (Shift_JIS, EUC-JP, ISO-2022-JP, GBK, GB18030, Big5,
//! EUC-KR) keep their ASCII and treat every other byte as malformed: their tables are most of the
//! checker's download otherwise, and only an old `.xls` saved with such a code page would use them.

mod labels;
mod tables;

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use tables::*;

/// How an encoding decodes.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// The characters for the bytes 0x80 to 0xFF (0: not mapped); 0x00 to 0x7F are ASCII.
    SingleByte(&'static [u16; 128]),
    /// 0x80 to 0xFF are U+F780 to U+F7FF.
    UserDefined,
    /// Any input at all is one error.
    Replacement,
    /// ASCII only: see the crate's documentation.
    MultiByte,
}

/// An encoding, compared by identity as encoding_rs compares them.
pub struct Encoding {
    name: &'static str,
    kind: Kind,
}

impl PartialEq for Encoding {
    fn eq(&self, other: &Encoding) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Encoding {}

impl Hash for Encoding {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self as *const Encoding).hash(state);
    }
}

impl fmt::Debug for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Encoding {{ {} }}", self.name)
    }
}

macro_rules! encodings {
    ($($init:ident, $name:ident, $kind:ident;)*) => {
        $(
            pub static $init: Encoding = Encoding { name: $kind.0, kind: $kind.1 };
            pub static $name: &'static Encoding = &$init;
        )*
    };
}

encodings! {
    BIG5_INIT, BIG5, BIG5_KIND;
    EUC_JP_INIT, EUC_JP, EUC_JP_KIND;
    EUC_KR_INIT, EUC_KR, EUC_KR_KIND;
    GBK_INIT, GBK, GBK_KIND;
    IBM866_INIT, IBM866, IBM866_KIND;
    ISO_2022_JP_INIT, ISO_2022_JP, ISO_2022_JP_KIND;
    ISO_8859_10_INIT, ISO_8859_10, ISO_8859_10_KIND;
    ISO_8859_13_INIT, ISO_8859_13, ISO_8859_13_KIND;
    ISO_8859_14_INIT, ISO_8859_14, ISO_8859_14_KIND;
    ISO_8859_15_INIT, ISO_8859_15, ISO_8859_15_KIND;
    ISO_8859_16_INIT, ISO_8859_16, ISO_8859_16_KIND;
    ISO_8859_2_INIT, ISO_8859_2, ISO_8859_2_KIND;
    ISO_8859_3_INIT, ISO_8859_3, ISO_8859_3_KIND;
    ISO_8859_4_INIT, ISO_8859_4, ISO_8859_4_KIND;
    ISO_8859_5_INIT, ISO_8859_5, ISO_8859_5_KIND;
    ISO_8859_6_INIT, ISO_8859_6, ISO_8859_6_KIND;
    ISO_8859_7_INIT, ISO_8859_7, ISO_8859_7_KIND;
    ISO_8859_8_INIT, ISO_8859_8, ISO_8859_8_KIND;
    ISO_8859_8_I_INIT, ISO_8859_8_I, ISO_8859_8_I_KIND;
    KOI8_R_INIT, KOI8_R, KOI8_R_KIND;
    KOI8_U_INIT, KOI8_U, KOI8_U_KIND;
    SHIFT_JIS_INIT, SHIFT_JIS, SHIFT_JIS_KIND;
    UTF_16BE_INIT, UTF_16BE, UTF_16BE_KIND;
    UTF_16LE_INIT, UTF_16LE, UTF_16LE_KIND;
    UTF_8_INIT, UTF_8, UTF_8_KIND;
    GB18030_INIT, GB18030, GB18030_KIND;
    MACINTOSH_INIT, MACINTOSH, MACINTOSH_KIND;
    REPLACEMENT_INIT, REPLACEMENT, REPLACEMENT_KIND;
    WINDOWS_1250_INIT, WINDOWS_1250, WINDOWS_1250_KIND;
    WINDOWS_1251_INIT, WINDOWS_1251, WINDOWS_1251_KIND;
    WINDOWS_1252_INIT, WINDOWS_1252, WINDOWS_1252_KIND;
    WINDOWS_1253_INIT, WINDOWS_1253, WINDOWS_1253_KIND;
    WINDOWS_1254_INIT, WINDOWS_1254, WINDOWS_1254_KIND;
    WINDOWS_1255_INIT, WINDOWS_1255, WINDOWS_1255_KIND;
    WINDOWS_1256_INIT, WINDOWS_1256, WINDOWS_1256_KIND;
    WINDOWS_1257_INIT, WINDOWS_1257, WINDOWS_1257_KIND;
    WINDOWS_1258_INIT, WINDOWS_1258, WINDOWS_1258_KIND;
    WINDOWS_874_INIT, WINDOWS_874, WINDOWS_874_KIND;
    X_MAC_CYRILLIC_INIT, X_MAC_CYRILLIC, X_MAC_CYRILLIC_KIND;
    X_USER_DEFINED_INIT, X_USER_DEFINED, X_USER_DEFINED_KIND;
}

/// Finds the encoding a label names.
type LabelLookup = fn(&[u8]) -> Option<&'static Encoding>;

/// Every label (set by [`know_every_encoding`]); in a WebAssembly build without it, only UTF-8's
/// and UTF-16's.
static EVERY_LABEL: OnceLock<LabelLookup> = OnceLock::new();

/// Whether a label other than UTF-8's and UTF-16's was looked up without every label known.
static OTHER_LABEL_ASKED_FOR: AtomicBool = AtomicBool::new(false);

/// Makes every label known from now on, with every encoding's tables (a WebAssembly build that
/// calls this carries them; natively they are always known).
pub fn know_every_encoding() {
    let _ = EVERY_LABEL.set(any_label);
}

/// Whether, since the last call, a label was looked up that this build did not know (see
/// [`Encoding::for_label`]): what was read with it must be read again by a build that does.
pub fn take_other_label_asked_for() -> bool {
    OTHER_LABEL_ASKED_FOR.swap(false, Ordering::Relaxed)
}

/// The encoding any label of the Encoding Standard names (trimmed already).
fn any_label(label: &[u8]) -> Option<&'static Encoding> {
    find(&labels::LABELS, label)
}

/// The encoding a label of UTF-8 or UTF-16 names (trimmed already); `None` for any other.
fn utf_label(label: &[u8]) -> Option<&'static Encoding> {
    find(&labels::UTF_LABELS, label)
}

/// The encoding `label` names in `labels`, in any letter case.
fn find(labels: &[(&str, &'static Encoding)], label: &[u8]) -> Option<&'static Encoding> {
    labels.iter().find(|(known, _)| known.as_bytes().eq_ignore_ascii_case(label)).map(|(_, encoding)| *encoding)
}

/// What a decoding step ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoderResult {
    /// All the input was read.
    InputEmpty,
    /// The output has no room for the next character.
    OutputFull,
    /// A malformed sequence of this many bytes, and how many bytes after it were read.
    Malformed(u8, u8),
}

impl Encoding {
    pub fn name(&'static self) -> &'static str {
        self.name
    }

    /// The encoding a label names (as in `<?xml encoding="…"?>`): ASCII letters in any case, with
    /// ASCII whitespace around it allowed.
    ///
    /// In a WebAssembly build, until [`know_every_encoding`] is called, only the labels of UTF-8
    /// and UTF-16 are known: any other label gives `None` and is noted for
    /// [`take_other_label_asked_for`], so that the build which every visit loads carries none of
    /// the single-byte tables (Excel writes only UTF-8) and hands such a workbook to one that does.
    pub fn for_label(label: &[u8]) -> Option<&'static Encoding> {
        let space = |b: &u8| matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20);
        let start = label.iter().position(|b| !space(b))?;
        let end = label.iter().rposition(|b| !space(b))? + 1;
        let label = &label[start..end];
        if cfg!(target_arch = "wasm32") {
            if let Some(every) = EVERY_LABEL.get() {
                return every(label);
            }
            let found = utf_label(label);
            if found.is_none() {
                OTHER_LABEL_ASKED_FOR.store(true, Ordering::Relaxed);
            }
            return found;
        }
        any_label(label)
    }

    /// [`Encoding::for_label`], except that labels of the replacement encoding give `None`.
    pub fn for_label_no_replacement(label: &[u8]) -> Option<&'static Encoding> {
        Encoding::for_label(label).filter(|e| *e != REPLACEMENT)
    }

    /// Decodes with BOM sniffing (a UTF-8 or UTF-16 byte-order mark overrides `self`) and with
    /// U+FFFD for malformed sequences: the text, the encoding used, and whether any were malformed.
    pub fn decode<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, &'static Encoding, bool) {
        let (encoding, rest) = match bytes {
            [0xEF, 0xBB, 0xBF, rest @ ..] => (UTF_8, rest),
            [0xFF, 0xFE, rest @ ..] => (UTF_16LE, rest),
            [0xFE, 0xFF, rest @ ..] => (UTF_16BE, rest),
            _ => (self, bytes),
        };
        let (text, malformed) = encoding.decode_with_replacement(rest);
        (text, encoding, malformed)
    }

    /// Decodes without BOM handling; `None` if anything is malformed.
    pub fn decode_without_bom_handling_and_without_replacement<'a>(
        &'static self,
        bytes: &'a [u8],
    ) -> Option<Cow<'a, str>> {
        match self.kind {
            Kind::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            _ => {
                let mut decoder = self.new_decoder_without_bom_handling();
                let mut out = String::with_capacity(bytes.len());
                match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
                    (DecoderResult::InputEmpty, _) => Some(Cow::Owned(out)),
                    _ => None,
                }
            }
        }
    }

    pub fn new_decoder_without_bom_handling(&'static self) -> Decoder {
        Decoder { encoding: self, pending: Vec::new(), high_surrogate: None, replacement_done: false }
    }

    fn decode_with_replacement<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
        match self.kind {
            Kind::Utf8 => match String::from_utf8_lossy(bytes) {
                Cow::Borrowed(text) => (Cow::Borrowed(text), false),
                Cow::Owned(text) => (Cow::Owned(text), true),
            },
            _ if bytes.is_ascii()
                && !matches!(self.kind, Kind::Utf16Le | Kind::Utf16Be | Kind::Replacement)
                && !(self == ISO_2022_JP && bytes.iter().any(|b| matches!(b, 0x1B | 0x0E | 0x0F))) =>
            {
                // Every ASCII-compatible encoding reads ASCII as itself.
                (Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()), false)
            }
            _ => {
                let mut decoder = self.new_decoder_without_bom_handling();
                let mut out = String::with_capacity(bytes.len());
                let mut rest = bytes;
                let mut malformed = false;
                loop {
                    let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
                    rest = &rest[read..];
                    match result {
                        DecoderResult::Malformed(_, _) => {
                            malformed = true;
                            out.push('\u{FFFD}');
                        }
                        _ => break,
                    }
                }
                (Cow::Owned(out), malformed)
            }
        }
    }
}

/// A streaming decoder: input in pieces, output in UTF-8.
pub struct Decoder {
    encoding: &'static Encoding,
    /// Bytes of a sequence not yet complete (UTF-8: up to 3; UTF-16: 1).
    pending: Vec<u8>,
    /// A UTF-16 high surrogate waiting for its low half.
    high_surrogate: Option<u16>,
    /// The replacement encoding reports its one error once.
    replacement_done: bool,
}

impl Decoder {
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The most UTF-8 bytes decoding `byte_length` more bytes could write.
    pub fn max_utf8_buffer_length_without_replacement(&self, byte_length: usize) -> Option<usize> {
        byte_length.checked_add(self.pending.len() + 2)?.checked_mul(3)?.checked_add(4)
    }

    pub fn max_utf8_buffer_length(&self, byte_length: usize) -> Option<usize> {
        self.max_utf8_buffer_length_without_replacement(byte_length)
    }

    /// Decodes into `dst`, growing it as needed: `OutputFull` is never returned.
    pub fn decode_to_string_without_replacement(
        &mut self,
        src: &[u8],
        dst: &mut String,
        last: bool,
    ) -> (DecoderResult, usize) {
        let mut buffer = [0u8; 4];
        let mut read = 0;
        loop {
            let (result, r, written) = self.decode_to_utf8_without_replacement(&src[read..], &mut buffer, last);
            read += r;
            // The decoder writes only whole characters.
            dst.push_str(std::str::from_utf8(&buffer[..written]).unwrap_or_default());
            match result {
                DecoderResult::OutputFull => continue,
                other => return (other, read),
            }
        }
    }

    /// Decodes into `dst`: how it ended, bytes read, bytes written.
    pub fn decode_to_utf8_without_replacement(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> (DecoderResult, usize, usize) {
        let mut read = 0;
        let mut written = 0;
        macro_rules! put {
            ($c:expr, $consumed:expr) => {{
                let c: char = $c;
                if dst.len() - written < c.len_utf8() {
                    return (DecoderResult::OutputFull, read, written);
                }
                c.encode_utf8(&mut dst[written..]);
                written += c.len_utf8();
                read += $consumed;
            }};
        }
        match self.encoding.kind {
            Kind::Replacement => {
                if !src.is_empty() && !self.replacement_done {
                    self.replacement_done = true;
                    return (DecoderResult::Malformed(src.len().min(255) as u8, 0), src.len(), 0);
                }
                (DecoderResult::InputEmpty, src.len(), 0)
            }
            Kind::SingleByte(_) | Kind::UserDefined | Kind::MultiByte => {
                while read < src.len() {
                    let b = src[read];
                    let c = match (self.encoding.kind, b) {
                        (_, 0..=0x7F) => Some(char::from(b)),
                        (Kind::SingleByte(table), _) => match table[usize::from(b - 0x80)] {
                            0 => None,
                            u => char::from_u32(u32::from(u)),
                        },
                        (Kind::UserDefined, _) => char::from_u32(0xF780 + u32::from(b - 0x80)),
                        _ => None,
                    };
                    // ISO-2022-JP switches with escapes and shifts this stand-in does not read.
                    let c = match c {
                        Some('\u{1B}' | '\u{0E}' | '\u{0F}') if self.encoding == ISO_2022_JP => None,
                        c => c,
                    };
                    match c {
                        Some(c) => put!(c, 1),
                        None => return (DecoderResult::Malformed(1, 0), read + 1, written),
                    }
                }
                (DecoderResult::InputEmpty, read, written)
            }
            Kind::Utf16Le | Kind::Utf16Be => {
                let little = matches!(self.encoding.kind, Kind::Utf16Le);
                loop {
                    // The next code unit: a pending byte and the first byte of `src`, or two of `src`.
                    let unit = match (self.pending.first().copied(), src.get(read..read + 2), src.get(read)) {
                        (Some(first), _, Some(&second)) => Some((first, second, 1)),
                        (None, Some(two), _) => Some((two[0], two[1], 2)),
                        _ => None,
                    };
                    let Some((a, b, consumed)) = unit else {
                        if let Some(&byte) = src.get(read) {
                            self.pending.push(byte);
                            read += 1;
                        }
                        if last && (!self.pending.is_empty() || self.high_surrogate.is_some()) {
                            let bad = self.pending.len() + if self.high_surrogate.is_some() { 2 } else { 0 };
                            self.pending.clear();
                            self.high_surrogate = None;
                            return (DecoderResult::Malformed(bad as u8, 0), read, written);
                        }
                        return (DecoderResult::InputEmpty, read, written);
                    };
                    let unit = if little { u16::from_le_bytes([a, b]) } else { u16::from_be_bytes([a, b]) };
                    match (self.high_surrogate, unit) {
                        (None, 0xD800..=0xDBFF) => {
                            self.high_surrogate = Some(unit);
                            self.pending.clear();
                            read += consumed;
                        }
                        (Some(high), 0xDC00..=0xDFFF) => {
                            let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                            if dst.len() - written < 4 {
                                return (DecoderResult::OutputFull, read, written);
                            }
                            self.high_surrogate = None;
                            self.pending.clear();
                            put!(char::from_u32(c).unwrap_or('\u{FFFD}'), consumed);
                        }
                        (Some(_), _) => {
                            // A high surrogate not followed by a low one: it alone is malformed,
                            // and this unit is read again.
                            self.high_surrogate = None;
                            return (DecoderResult::Malformed(2, 0), read, written);
                        }
                        (None, 0xDC00..=0xDFFF) => {
                            self.pending.clear();
                            return (DecoderResult::Malformed(2, 0), read + consumed, written);
                        }
                        (None, _) => {
                            let c = char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}');
                            if dst.len() - written < c.len_utf8() {
                                return (DecoderResult::OutputFull, read, written);
                            }
                            self.pending.clear();
                            put!(c, consumed);
                        }
                    }
                }
            }
            Kind::Utf8 => loop {
                if !self.pending.is_empty() {
                    // A sequence begun in an earlier piece: complete it from this one.
                    let lead = self.pending[0];
                    let needed = utf8_width(lead);
                    while self.pending.len() < needed
                        && read < src.len()
                        && continues(lead, self.pending.len(), src[read])
                    {
                        self.pending.push(src[read]);
                        read += 1;
                    }
                    if self.pending.len() == needed {
                        let c = std::str::from_utf8(&self.pending)
                            .ok()
                            .and_then(|t| t.chars().next())
                            .unwrap_or('\u{FFFD}');
                        if dst.len() - written < c.len_utf8() {
                            return (DecoderResult::OutputFull, read, written);
                        }
                        self.pending.clear();
                        put!(c, 0);
                        continue;
                    }
                    if read == src.len() && !last {
                        return (DecoderResult::InputEmpty, read, written);
                    }
                    // Cut short by the end of the input, or by a byte that cannot continue it
                    // (that byte is read again).
                    let bad = self.pending.len() as u8;
                    self.pending.clear();
                    return (DecoderResult::Malformed(bad, 0), read, written);
                }
                // A run of whole, valid characters, copied as it is.
                let available = &src[read..];
                let valid = match std::str::from_utf8(available) {
                    Ok(_) => available.len(),
                    Err(e) => e.valid_up_to(),
                };
                if valid > 0 {
                    let mut take = valid.min(dst.len() - written);
                    while take > 0 && !is_char_boundary(&available[..valid], take) {
                        take -= 1;
                    }
                    dst[written..written + take].copy_from_slice(&available[..take]);
                    written += take;
                    read += take;
                    if take < valid {
                        return (DecoderResult::OutputFull, read, written);
                    }
                    continue;
                }
                if read == src.len() {
                    return (DecoderResult::InputEmpty, read, written);
                }
                // The start of an invalid or unfinished sequence.
                let lead = src[read];
                if utf8_width(lead) == 0 {
                    return (DecoderResult::Malformed(1, 0), read + 1, written);
                }
                self.pending.push(lead);
                read += 1;
            },
        }
    }
}

/// How many bytes a UTF-8 sequence starting with `lead` has (0: `lead` cannot start one).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `byte` can be the `index`th byte of a sequence starting with `lead` (no overlong
/// forms, no surrogates, nothing past U+10FFFF).
fn continues(lead: u8, index: usize, byte: u8) -> bool {
    match (index, lead) {
        (1, 0xE0) => (0xA0..=0xBF).contains(&byte),
        (1, 0xED) => (0x80..=0x9F).contains(&byte),
        (1, 0xF0) => (0x90..=0xBF).contains(&byte),
        (1, 0xF4) => (0x80..=0x8F).contains(&byte),
        _ => (0x80..=0xBF).contains(&byte),
    }
}

fn is_char_boundary(bytes: &[u8], at: usize) -> bool {
    at >= bytes.len() || (bytes[at] as i8) >= -0x40
}
