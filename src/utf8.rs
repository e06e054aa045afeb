//! UTF-8 checks of whole files and spilled bodies: std's check is quick on
//! ASCII but slow on Hangul, and every body is checked twice (read from
//! disk, read back from the spill file), so simdutf8 does it. And what a
//! byte says of the character it starts, for passes that look at bytes.

use std::string::FromUtf8Error;

/// `String::from_utf8`, checked with SIMD.
pub fn into_string(bytes: Vec<u8>) -> Result<String, FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found the bytes to be valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // The same verdict, with std's error: where the first bad byte is.
        String::from_utf8(bytes)
    }
}

/// Whether `b` leads a white-space character above ASCII: all of them
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) start with C2, E1, E2 or E3, so text without those bytes finds
/// its white space without decoding a character (Hangul starts with EA–ED).
pub const fn leads_wide_white_space(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1..=0xE3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_white_space_above_ascii_has_a_lead_byte_named() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut buf = [0; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(leads_wide_white_space(lead), "{c:?}");
            }
        }
    }

    #[test]
    fn agrees_with_std() {
        for bytes in [
            &b""[..],
            b"plain",
            "네이버가 투자했다 — “quoted”".as_bytes(),
            b"\xff",
            b"ok then \xe2\x82",
            b"\xed\xa0\x80", // a surrogate
            b"\xc0\xaf",     // an overlong slash
        ] {
            let ours = into_string(bytes.to_vec()).map_err(|e| e.utf8_error().valid_up_to());
            let std = String::from_utf8(bytes.to_vec()).map_err(|e| e.utf8_error().valid_up_to());
            assert_eq!(ours, std, "{bytes:?}");
        }
    }
}
