//! A zip container written by hand (no zip64): each entry's local header and data, then the
//! central directory. The marked copy and the unzipped copy the parser reads are both written
//! here; the zip crate's writer would bring every compressor it knows into the browser.

/// What a zip entry's headers say about its data.
pub struct EntryHeader {
    /// [`EntryHeader::STORED`] or [`EntryHeader::DEFLATED`].
    pub method: u16,
    /// MS-DOS time and date.
    pub time: (u16, u16),
    pub crc: u32,
    pub compressed: u32,
    pub size: u32,
}

impl EntryHeader {
    pub const STORED: u16 = 0;
    pub const DEFLATED: u16 = 8;
    /// 1 January 1980, the earliest time a zip file can hold: a copy made from the same file is
    /// the same bytes however often it is made.
    pub const EARLIEST: (u16, u16) = (0, 0x21);
}

#[derive(Default)]
pub struct ZipWriter {
    bytes: Vec<u8>,
    directory: Vec<u8>,
    count: u16,
}

impl ZipWriter {
    /// Adds an entry whose data is `data` as stored (compressed or not, as `h` says). `false`, and
    /// nothing written, when the container cannot record it: a name longer than 65,535 bytes, a
    /// 65,536th entry, or an entry starting beyond 4 GB.
    pub fn entry(&mut self, name: &str, h: &EntryHeader, data: &[u8]) -> bool {
        let (Ok(offset), Ok(name_len), Some(count)) =
            (u32::try_from(self.bytes.len()), u16::try_from(name.len()), self.count.checked_add(1))
        else {
            return false;
        };
        // version needed, flags (bit 11: the name is UTF-8), method, time, date, CRC, sizes, name
        // length, extra length
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 0x0800, h.method, h.time.0, h.time.1] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            for v in [h.crc, h.compressed, h.size] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
        };
        self.bytes.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.bytes);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(data);
        let d = &mut self.directory;
        d.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        d.extend_from_slice(&20u16.to_le_bytes()); // made by: version 2.0
        common(d);
        for v in [0u16, 0, 0] {
            d.extend_from_slice(&v.to_le_bytes()); // comment length, disk, internal attributes
        }
        d.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        d.extend_from_slice(&offset.to_le_bytes());
        d.extend_from_slice(name.as_bytes());
        self.count = count;
        true
    }

    /// The bytes written so far.
    pub fn written(&self) -> usize {
        self.bytes.len()
    }

    /// The zip file; `None` when the directory would start or end beyond 4 GB.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        let start = u32::try_from(self.bytes.len()).ok()?;
        let size = u32::try_from(self.directory.len()).ok()?;
        start.checked_add(size)?;
        self.bytes.append(&mut self.directory);
        self.bytes.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.count, self.count] {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
        self.bytes.extend_from_slice(&size.to_le_bytes());
        self.bytes.extend_from_slice(&start.to_le_bytes());
        self.bytes.extend_from_slice(&0u16.to_le_bytes());
        Some(self.bytes)
    }
}
