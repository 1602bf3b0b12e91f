// Test peer of BindingPeersTest: reads slots of a live segment through the generated structs.
//
// usage: peer SEGMENT REGION SLOT [REGION SLOT]...
// Maps /dev/shm/SEGMENT read-only, finds each region in the directory, refuses it (exit 3) unless
// its fingerprint and element size are those of the generated struct, copies the slot's element
// into the struct and prints every field as key=value lines (PeerPrinters).
#![allow(non_snake_case)]

#[allow(dead_code)]
#[path = "shm_bindings.rs"]
mod bindings;

use bindings::*;
use std::os::unix::io::AsRawFd;

extern "C" {
    fn mmap(address: *mut u8, length: usize, protection: i32, flags: i32, fd: i32, offset: i64) -> *mut u8;
}

const PROT_READ: i32 = 1;
const MAP_SHARED: i32 = 1;

fn u32_at(memory: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes(memory[at..at + 4].try_into().unwrap())
}

fn u64_at(memory: &[u8], at: usize) -> u64 {
    u64::from_ne_bytes(memory[at..at + 8].try_into().unwrap())
}

fn region(memory: &[u8], name: &str) -> (usize, u64, usize) {
    for i in 0..u32_at(memory, 28) as usize {
        let entry = 128 + 128 * i;
        if decode_text(&memory[entry..entry + 32]) == name {
            return (u32_at(memory, entry + 36) as usize, u64_at(memory, entry + 40), u64_at(memory, entry + 56) as usize);
        }
    }
    eprintln!("no region {}", name);
    std::process::exit(2);
}

fn show<T: Copy>(memory: &[u8], name: &str, slot: usize, fingerprint: u64, print: fn(&str, &T)) {
    let (size, actual, offset) = region(memory, name);
    if actual != fingerprint || size != std::mem::size_of::<T>() {
        eprintln!("{}: fingerprint {:016x}, size {}: not the generated struct", name, actual, size);
        std::process::exit(3);
    }
    println!("{}.fingerprint={:016x}", name, actual);
    let at = offset + 64 + slot * ((16 + size + 7) & !7) + 16;
    let value: T = unsafe { std::ptr::read_unaligned(memory[at..at + size].as_ptr() as *const T) };
    print(&format!("{}[{}].", name, slot), &value);
}

// FUNCTIONS

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = std::fs::File::open(format!("/dev/shm/{}", args[1])).expect("open the segment");
    let length = file.metadata().expect("fstat").len() as usize;
    let memory: &[u8] = unsafe {
        let address = mmap(std::ptr::null_mut(), length, PROT_READ, MAP_SHARED, file.as_raw_fd(), 0);
        assert!(address as isize != -1, "mmap failed");
        std::slice::from_raw_parts(address, length)
    };
    let mut i = 2;
    while i + 1 < args.len() {
        let slot: usize = args[i + 1].parse().expect("a slot number");
        match args[i].as_str() {
            // DISPATCH
            other => {
                eprintln!("no struct for region {}", other);
                std::process::exit(2);
            }
        }
        i += 2;
    }
}
