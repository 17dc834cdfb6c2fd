//! A link's buffers, as ureq's `LazyBuffers` keeps them, but allocated
//! zeroed by the allocator instead of filled with zeros. `LazyBuffers`
//! grows an empty `Vec` with `resize`, which writes every byte of the
//! 316 KiB input buffer (room for a 300 KiB head) and the 128 KiB output
//! buffer on each new connection: a quarter of a small GET's instructions
//! and a third of its page faults. `vec![0; n]` asks for zeroed memory,
//! which for buffers this size comes as untouched pages from the system:
//! only the bytes a response really fills are ever touched.

use ureq::unversioned::transport::Buffers;

/// The smallest scratch space for reading a request body before it is
/// written out (ureq's figure).
const MIN_TMP: usize = 10 * 1024;

#[derive(Debug)]
pub struct LinkBuffers {
    input_size: usize,
    output_size: usize,
    input: Vec<u8>,
    /// `input[consumed..filled]` is what ureq has not consumed yet.
    filled: usize,
    consumed: usize,
    output: Vec<u8>,
    /// The last consume took something: the input may be parsed again
    /// without reading more.
    progress: bool,
}

impl LinkBuffers {
    /// Buffers of these sizes, allocated when first used.
    pub fn new(input_size: usize, output_size: usize) -> LinkBuffers {
        LinkBuffers {
            input_size,
            output_size,
            input: Vec::new(),
            filled: 0,
            consumed: 0,
            output: Vec::new(),
            progress: false,
        }
    }

    fn allocate(&mut self) {
        if self.output.is_empty() {
            self.output = vec![0; self.output_size];
        }
        if self.input.is_empty() {
            self.input = vec![0; self.input_size];
        }
    }

    /// Moves the unconsumed bytes to the front when the free space has
    /// run low, as ureq does; all consumed: empty again.
    fn shift(&mut self) {
        if self.consumed == 0 {
            return;
        }
        if self.consumed == self.filled {
            (self.consumed, self.filled) = (0, 0);
        } else if self.filled > self.input.len() / 2 {
            self.input.copy_within(self.consumed..self.filled, 0);
            self.filled -= self.consumed;
            self.consumed = 0;
        }
    }
}

impl Buffers for LinkBuffers {
    fn output(&mut self) -> &mut [u8] {
        self.allocate();
        &mut self.output
    }

    fn input(&self) -> &[u8] {
        &self.input[self.consumed..self.filled]
    }

    fn input_append_buf(&mut self) -> &mut [u8] {
        self.allocate();
        self.shift();
        &mut self.input[self.filled..]
    }

    fn input_appended(&mut self, amount: usize) {
        debug_assert!(self.filled + amount <= self.input.len());
        self.filled = (self.filled + amount).min(self.input.len());
    }

    fn input_consume(&mut self, amount: usize) {
        debug_assert!(self.consumed + amount <= self.filled);
        self.progress = amount > 0;
        self.consumed = (self.consumed + amount).min(self.filled);
    }

    fn tmp_and_output(&mut self) -> (&mut [u8], &mut [u8]) {
        self.allocate();
        self.shift();
        let free = self.input.len() - self.filled;
        if free < MIN_TMP {
            // Only when a server sent much more than was asked for before
            // the body went out (ureq grows its buffer the same way).
            self.input.resize(self.input.len() + MIN_TMP - free, 0);
        }
        (&mut self.input[self.filled..], &mut self.output)
    }

    fn can_use_input(&self) -> bool {
        self.filled > self.consumed && self.progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_appended_consumed_and_shifted_as_ureq_expects() {
        let mut b = LinkBuffers::new(8, 4);
        assert!(b.input().is_empty());
        b.input_append_buf()[..6].copy_from_slice(b"abcdef");
        b.input_appended(6);
        assert_eq!(b.input(), b"abcdef");
        assert!(!b.can_use_input(), "nothing consumed yet");
        b.input_consume(4);
        assert_eq!(b.input(), b"ef");
        assert!(b.can_use_input());
        // More than half filled: the rest moves to the front for room.
        assert_eq!(b.input_append_buf().len(), 6);
        assert_eq!(b.input(), b"ef");
        b.input_consume(2);
        assert!(b.input().is_empty());
        assert_eq!(b.input_append_buf().len(), 8);
        assert_eq!(b.output().len(), 4);
    }

    #[test]
    fn the_scratch_space_is_never_smaller_than_ureq_needs() {
        let mut b = LinkBuffers::new(16, 4);
        b.input_append_buf()[..10].copy_from_slice(b"0123456789");
        b.input_appended(10);
        let (tmp, out) = b.tmp_and_output();
        assert!(tmp.len() >= MIN_TMP);
        assert_eq!(out.len(), 4);
        assert_eq!(b.input(), b"0123456789");
    }
}
