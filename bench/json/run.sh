#!/bin/sh
# Speed of the streaming JSON formatter (src/output/json.rs): pretty-prints a
# generated ~100 MB array of objects (strings, escapes, numbers, literals,
# nested arrays) in 64 KiB chunks into a counting sink, with and without
# colour, and prints MB/s. Release build; takes about a minute to compile.
set -eu
cd "$(dirname "$0")/../.."
exec cargo test --release bench_pretty_print -- --ignored --nocapture
