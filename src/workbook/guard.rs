//! Checks on xls and ods files before calamine reads them. calamine reads both formats whole into
//! dense ranges (rows × columns), sized from what the file claims: a damaged or hostile file can
//! make it ask for terabytes, and a failed allocation aborts the process rather than panicking.
//! These scans read only what they must to bound that size, and refuse the file when it is over.

use std::io::{Cursor, Read};

use super::{ReadError, TooLarge, Unreadable, MAX_CELLS_PER_SHEET};

fn too_large(sheet: &str) -> ReadError {
    ReadError::TooLarge { what: TooLarge::Cells { sheet: sheet.to_string() } }
}

fn damaged() -> ReadError {
    ReadError::Unreadable { reason: Unreadable::Parser("the file's internal structure is damaged".into()) }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The bounding box of the cells seen on one sheet, and the size its DIMENSIONS record claims.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
    claimed: u64,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let widen = |r: Option<(u32, u32)>, v: u32| Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn dense_cells(&self) -> u64 {
        let span = |r: Option<(u32, u32)>| r.map_or(0, |(a, b)| u64::from(b - a) + 1);
        (span(self.rows) * span(self.cols)).max(self.claimed)
    }
}

/// The BIFF records of a stream from `at`: (type, data). Stops at the first record that does
/// not fit, as calamine's reader does.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// The most CONTINUE records an .xls may have: a 20 MB file written by Excel has about 2,500.
pub const MAX_CONTINUE_RECORDS: usize = 20_000;

/// xls: finds each worksheet where calamine will (the offsets in the BOUNDSHEET records) and
/// bounds what calamine will allocate for it: the rows × columns its DIMENSIONS record claims
/// (computed as calamine computes it, wrapping included) and the span of its cells.
pub fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let stream = cfb_stream(bytes, &["Workbook", "Book"]).ok_or_else(damaged)?;
    // The parser joins CONTINUE records by removing each from the front of a list, which takes
    // time in the square of their number. Real files have a few thousand at most.
    let continues = records(&stream, 0).filter(|(kind, _)| *kind == 0x003C).count();
    if continues > MAX_CONTINUE_RECORDS {
        return Err(ReadError::TooLarge { what: super::TooLarge::Continuations { count: continues as u64 } });
    }
    // Each cell of shared text gets its own copy of the string: one long string in many cells
    // is gigabytes. The copies are counted against the text budget, as for .xlsx.
    let shared = shared_string_lengths(&stream);
    let mut text_total: u64 = 0;
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (kind, data) in records(&stream, 0) {
        match kind {
            0x0085 => {
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                let count = data.get(6).copied().unwrap_or(0) as usize;
                let wide = data.get(7).is_some_and(|f| f & 1 == 1);
                let name = if wide {
                    let units: Vec<u16> = (0..count).filter_map(|i| u16_at(data, 8 + 2 * i)).collect();
                    String::from_utf16_lossy(&units)
                } else {
                    data.get(8..8 + count).map(|b| b.iter().map(|&c| c as char).collect()).unwrap_or_default()
                };
                sheets.push((pos, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let mut extent = Extent::default();
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (kind, data) in records(&stream, pos) {
            if depth > 0 {
                match kind {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match kind {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSIONS: calamine reserves room for rows × columns.
                0x0200 => extent.claimed = extent.claimed.max(claimed_cells(data)),
                // Cell records start with row and column.
                0x0006 | 0x00D6 | 0x00FD | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        extent.add(u32::from(row), u32::from(col));
                    }
                    // LABELSST: the cell's text is the shared string at this index.
                    if kind == 0x00FD {
                        let index = u32_at(data, 6).unwrap_or(u32::MAX) as usize;
                        text_total += shared.get(index).copied().map_or(0, u64::from);
                    }
                }
                // MULRK: row, first column, ..., last column.
                0x00BD => {
                    let last = data.len().checked_sub(2).and_then(|i| u16_at(data, i));
                    if let (Some(row), Some(first), Some(last)) = (u16_at(data, 0), u16_at(data, 2), last) {
                        extent.add(u32::from(row), u32::from(first));
                        extent.add(u32::from(row), u32::from(last));
                    }
                }
                _ => {}
            }
        }
        if extent.dense_cells() > MAX_CELLS_PER_SHEET as u64 {
            return Err(too_large(&name));
        }
    }
    if text_total > super::MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge { what: TooLarge::Text { bytes: text_total } });
    }
    Ok(())
}

/// The length, in characters, of each string of the shared string table (SST) of a BIFF8
/// workbook stream, as far as it can be read: a string may run on into CONTINUE records, where
/// its characters carry on after a byte of flags of their own. At most as many strings as the
/// xlsx limit on shared strings.
fn shared_string_lengths(stream: &[u8]) -> Vec<u32> {
    let mut segments: Vec<&[u8]> = Vec::new();
    for (kind, data) in records(stream, 0) {
        match kind {
            0x00FC if segments.is_empty() => segments.push(data),
            0x003C if !segments.is_empty() => segments.push(data),
            _ if !segments.is_empty() => break,
            _ => {}
        }
    }
    let Some(first) = segments.first() else { return Vec::new() };
    let unique = u32_at(first, 4).unwrap_or(0) as usize;
    let mut cursor = Segments { segments: &segments, index: 0, at: 8 };
    let mut lengths = Vec::new();
    while lengths.len() < unique.min(super::package::MAX_SHARED_STRINGS as usize) {
        let Some(length) = cursor.string() else { break };
        lengths.push(length);
    }
    lengths
}

/// A read position in a record and the CONTINUE records after it.
struct Segments<'a> {
    segments: &'a [&'a [u8]],
    index: usize,
    at: usize,
}

impl Segments<'_> {
    fn left_here(&self) -> usize {
        self.segments.get(self.index).map_or(0, |s| s.len().saturating_sub(self.at))
    }

    /// Moves to the next segment when this one is used up; `None` at the end.
    fn settle(&mut self) -> Option<()> {
        while self.left_here() == 0 {
            self.index += 1;
            self.at = 0;
            if self.index >= self.segments.len() {
                return None;
            }
        }
        Some(())
    }

    fn byte(&mut self) -> Option<u8> {
        self.settle()?;
        let b = self.segments[self.index][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.settle()?;
            let take = n.min(self.left_here());
            self.at += take;
            n -= take;
        }
        Some(())
    }

    /// One XLUnicodeRichExtendedString: its length in characters.
    fn string(&mut self) -> Option<u32> {
        let chars = self.u16()?;
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 { self.u16()? as usize } else { 0 };
        let extra = if flags & 0x04 != 0 { self.u32()? as usize } else { 0 };
        let mut wide = flags & 0x01 != 0;
        let mut left = chars as usize;
        while left > 0 {
            if self.left_here() == 0 {
                // The characters carry on in the next CONTINUE record, after its own flags.
                self.settle()?;
                wide = self.byte()? & 0x01 != 0;
                continue;
            }
            let width = if wide { 2 } else { 1 };
            let take = left.min(self.left_here() / width);
            if take == 0 {
                return None;
            }
            self.at += take * width;
            left -= take;
        }
        self.skip(runs * 4 + extra)?;
        Some(u32::from(chars))
    }
}

/// What calamine 0.38's `parse_dimensions` and sheet reader make of a DIMENSIONS record.
fn claimed_cells(data: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return 0;
    }
    let rows = u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// Reads one stream out of an OLE compound file (the container of .xls), following the FAT or,
/// for small streams, the mini FAT. Every chain is bounded by the number of sectors.
fn cfb_stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    // The compound file format allows 512-byte sectors (shift 9, version 3) or 4,096-byte ones
    // (shift 12, version 4), and 64-byte mini sectors. Any other size is damage, and the parser's
    // loops over sectors count wrongly on it (a 1-byte sector made one count wrap around and
    // never end).
    let (shift, mini_shift) = (u16_at(bytes, 0x1E)?, u16_at(bytes, 0x20)?);
    if !matches!(shift, 9 | 12) || mini_shift != 6 {
        return None;
    }
    let sector_size = 1usize << shift;
    let mini_size = 1usize << mini_shift;
    let cutoff = u32_at(bytes, 0x38)? as usize;
    let sector = |id: u32| {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        bytes.get(start..start + sector_size)
    };
    let sectors = bytes.len() / sector_size + 1;
    // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
    let mut fat_ids: Vec<u32> =
        (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&id| id < 0xFFFF_FFFA).collect();
    let mut difat = u32_at(bytes, 0x44)?;
    for _ in 0..sectors {
        if difat >= 0xFFFF_FFFA {
            break;
        }
        let s = sector(difat)?;
        let per = (sector_size / 4).checked_sub(1)?;
        fat_ids.extend((0..per).filter_map(|i| u32_at(s, 4 * i)).filter(|&id| id < 0xFFFF_FFFA));
        difat = u32_at(s, 4 * per)?;
    }
    let fat: Vec<u32> = fat_ids
        .iter()
        .take(sectors)
        .filter_map(|&id| sector(id))
        .flat_map(|s| s.chunks_exact(4))
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..sectors {
            if id >= 0xFFFF_FFFA {
                return Some(out);
            }
            out.extend_from_slice(sector(id)?);
            id = *fat.get(id as usize)?;
        }
        None
    };
    let directory = chain(u32_at(bytes, 0x30)?)?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let root = entries.first()?;
    let name_of = |e: &[u8]| {
        let len = (u16_at(e, 0x40).unwrap_or(0) as usize / 2).saturating_sub(1).min(32);
        let units: Vec<u16> = (0..len).filter_map(|i| u16_at(e, 2 * i)).collect();
        String::from_utf16_lossy(&units)
    };
    // The parser reads the mini FAT and the mini stream whatever size the wanted stream is,
    // following each chain until it has as many bytes as the file declares: a declared size larger
    // than the file, or a chain that loops, must be refused here.
    let declared_mini_fat = (u32_at(bytes, 0x40)? as usize).checked_mul(sector_size)?;
    if declared_mini_fat > bytes.len() || u32_at(root, 0x78)? as usize > bytes.len() {
        return None;
    }
    for start in [u32_at(bytes, 0x3C)?, u32_at(root, 0x74)?] {
        if start < 0xFFFF_FFFA {
            chain(start)?;
        }
    }
    let mini_fat: Vec<u32> = match u32_at(bytes, 0x3C)? {
        start if start < 0xFFFF_FFFA => {
            chain(start)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
        }
        _ => Vec::new(),
    };
    let mini_stream = match u32_at(root, 0x74)? {
        start if start < 0xFFFF_FFFA => chain(start)?,
        _ => Vec::new(),
    };
    // Small streams live in the mini stream (the root entry's data), in mini sectors; a chain
    // longer than the mini FAT loops.
    let mini_chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..=mini_fat.len() {
            if id >= 0xFFFF_FFFA {
                return Some(out);
            }
            let at = (id as usize).checked_mul(mini_size)?;
            out.extend_from_slice(mini_stream.get(at..at + mini_size)?);
            id = *mini_fat.get(id as usize)?;
        }
        None
    };
    let stream_of = |e: &[u8]| -> Option<Vec<u8>> {
        let start = u32_at(e, 0x74)?;
        let size = u32_at(e, 0x78)? as usize;
        if size > bytes.len() {
            return None;
        }
        let mut data = if size >= cutoff { chain(start)? } else { mini_chain(start)? };
        data.truncate(size);
        Some(data)
    };
    // The parser may read other streams than the workbook (a macro project's): every stream's
    // chain must end within the file.
    for e in entries.iter().skip(1).filter(|e| e.get(0x42) == Some(&2)) {
        stream_of(e)?;
    }
    // Stream names match without regard to case, as in the parser: some writers save `WORKBOOK`.
    let entry = entries
        .iter()
        .find(|e| e.get(0x42) == Some(&2) && names.iter().any(|n| n.eq_ignore_ascii_case(&name_of(e))))?;
    stream_of(entry)
}

/// ods: streams content.xml and bounds what the parser will build from it: per sheet, the dense
/// grid from the first to the last row with a value, as wide as the widest used row (repeated
/// rows and cells expanded, empty rows between values included), and the text it copies into
/// every repeated cell (runs of spaces written as `<text:s text:c="…"/>` counted as spaces).
pub fn check_ods(bytes: &[u8]) -> Result<(), ReadError> {
    use quick_xml::events::{BytesStart, Event};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    let content = archive.by_name("content.xml").map_err(|_| damaged())?;
    let mut reader =
        quick_xml::Reader::from_reader(std::io::BufReader::new(content.take(super::MAX_UNCOMPRESSED_BYTES)));
    // Without duplicate checks: they cost the square of the attribute count on a hostile element.
    let attr = |e: &BytesStart, name: &str| -> Option<String> {
        e.attributes().with_checks(false).flatten().find(|a| a.key.0 == name).map(|a| a.value.into_owned())
    };
    let number = |e: &BytesStart, name: &str| attr(e, name).and_then(|v| v.parse::<u64>().ok());
    let repeats = |e: &BytesStart, name: &str| number(e, name).unwrap_or(1).max(1);
    let mut buf = Vec::new();
    let mut sheet = String::new();
    let mut grid = OdsGrid::default();
    let mut text_total: u64 = 0;
    let (mut row_repeats, mut width, mut used, mut row_text) = (1u64, 0u64, 0u64, 0u64);
    let (mut in_cell, mut col_repeats, mut cell_text) = (false, 1u64, 0u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| damaged())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().0 {
                "table:table" => {
                    sheet = attr(e, "table:name").unwrap_or_default();
                    grid = OdsGrid::default();
                }
                "table:table-row" => {
                    row_repeats = repeats(e, "table:number-rows-repeated");
                    (width, used, row_text) = (0, 0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    col_repeats = repeats(e, "table:number-columns-repeated");
                    width = width.saturating_add(col_repeats);
                    let has_value = attr(e, "office:value-type").is_some() || attr(e, "table:formula").is_some();
                    // The reader copies a repeated cell's formula into each cell too.
                    cell_text = attr(e, "office:string-value").map_or(0, |v| v.len() as u64)
                        + attr(e, "table:formula").map_or(0, |v| v.len() as u64);
                    if has_value || cell_text > 0 {
                        used = width;
                    }
                    in_cell = matches!(event, Event::Start(_));
                    if !in_cell {
                        row_text = row_text.saturating_add(cell_text.saturating_mul(col_repeats));
                    }
                }
                "text:s" if in_cell => {
                    cell_text = cell_text.saturating_add(number(e, "text:c").unwrap_or(1));
                }
                _ => {}
            },
            Event::Text(t) if in_cell => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::End(e) => match e.name().0 {
                "table:table-cell" | "table:covered-table-cell" => {
                    in_cell = false;
                    if cell_text > 0 {
                        used = width;
                    }
                    row_text = row_text.saturating_add(cell_text.saturating_mul(col_repeats));
                }
                "table:table-row" => {
                    grid.add_row(row_repeats, used);
                    text_total = text_total.saturating_add(row_text.saturating_mul(row_repeats));
                    if grid.dense_cells() > MAX_CELLS_PER_SHEET as u64 {
                        return Err(too_large(&sheet));
                    }
                    if text_total > super::MAX_TEXT_BYTES {
                        return Err(ReadError::TooLarge { what: super::TooLarge::Text { bytes: text_total } });
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The extent of an ods sheet as the parser fills it densely.
#[derive(Default)]
struct OdsGrid {
    /// Rows seen so far (repeats expanded).
    rows: u64,
    /// First and last row holding a value.
    first: Option<u64>,
    last: u64,
    /// The widest row, up to its last used cell.
    width: u64,
}

impl OdsGrid {
    fn add_row(&mut self, repeats: u64, used: u64) {
        if used > 0 {
            self.first.get_or_insert(self.rows);
            self.last = self.rows.saturating_add(repeats - 1);
            self.width = self.width.max(used);
        }
        self.rows = self.rows.saturating_add(repeats);
    }

    fn dense_cells(&self) -> u64 {
        match self.first {
            Some(first) => (self.last - first + 1).saturating_mul(self.width),
            None => 0,
        }
    }
}
