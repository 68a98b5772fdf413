#![no_main]
//! Fuzz target `address`: see `zorgvuldig_fuzz::address` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::address(data));
