#![no_main]
//! Fuzz target `office`: see `zorgvuldig_fuzz::office` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::office(data));
