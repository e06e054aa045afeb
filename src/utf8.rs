//! UTF-8 checks of whole files and spilled bodies: std's check is quick on
//! ASCII but slow on Hangul, and every body is checked twice (read from
//! disk, read back from the spill file), so simdutf8 does it.

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

#[cfg(test)]
mod tests {
    use super::*;

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
