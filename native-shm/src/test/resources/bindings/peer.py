#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Test peer of BindingPeersTest: reads slots of a live segment through the generated module.

usage: python3 peer.py ctypes|numpy SEGMENT REGION SLOT [REGION SLOT]...
Maps /dev/shm/SEGMENT read-only, finds each region in the directory, refuses it (exit 3) unless its
fingerprint and element size are those of the generated struct, and prints every field of the slot
as key=value lines (PeerPrinters), through the ctypes class or through the numpy dtype.
"""
import ctypes
import mmap
import struct
import sys

import shm_bindings as b
from shm_bindings import decode_text

sys.stdout.reconfigure(encoding="utf-8")


def f32(x):
    return format(struct.unpack("=I", struct.pack("=f", x))[0], "08x")


def f64(x):
    return format(struct.unpack("=Q", struct.pack("=d", x))[0], "016x")


def out(key, value):
    print(f"{key}={value}")


# FUNCTIONS


def region(memory, name):
    count = struct.unpack_from("=I", memory, 28)[0]
    for i in range(count):
        entry = 128 + 128 * i
        if memory[entry:entry + 32].split(b"\0", 1)[0].decode() == name:
            size, fingerprint = struct.unpack_from("=IQ", memory, entry + 36)
            return size, fingerprint, struct.unpack_from("=Q", memory, entry + 56)[0]
    sys.exit(f"no region {name}")


def main():
    mode, name, *wanted = sys.argv[1:]
    with open("/dev/shm/" + name, "rb") as file:
        memory = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    for region_name, slot in zip(wanted[::2], wanted[1::2]):
        struct_type, dtype, fingerprint, printer, numpy_printer = TABLE[region_name]
        size, actual, offset = region(memory, region_name)
        if actual != fingerprint or size != ctypes.sizeof(struct_type):
            print(f"{region_name}: fingerprint {actual:016x}, size {size}: not {struct_type.__name__}", file=sys.stderr)
            sys.exit(3)
        out(region_name + ".fingerprint", format(actual, "016x"))
        at = offset + 64 + int(slot) * ((16 + size + 7) & ~7) + 16
        key = f"{region_name}[{slot}]."
        if mode == "numpy":
            import numpy
            numpy_printer(key, numpy.frombuffer(memory, dtype=dtype, count=1, offset=at)[0])
        else:
            printer(key, struct_type.from_buffer_copy(memory, at))


TABLE = {
# DISPATCH
}

if __name__ == "__main__":
    main()
