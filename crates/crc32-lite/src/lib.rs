//! The interface of crc32fast that zip and flate2 call: [`hash`] and [`Hasher`], computed with
//! lookup tables made on first use rather than stored in the program. The tests compare it with
//! crc32fast itself.

pub mod tables;

pub use tables::{hash, Hasher};
