#!/usr/bin/env python3
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Reads a native-shm structured segment, independently of the Java library.

An implementation of docs/segment-format.md in the Python standard library only: it validates the
header, the region directory and the layout descriptions as the specification requires, reads
value and array slots with the seqlock read protocol and ring records with loss detection, and
decodes every struct field with the layout the segment itself describes (shm_layout.py parses the
canonical layout strings). PythonReaderTest runs it against segments that Java wrote.

    shm_reader.py [options] NAME          a named segment (/dev/shm/NAME on Linux)
    shm_reader.py [options] --file PATH   a file-backed segment

    --layout REGION=CANONICAL   optional: the layout the caller expects REGION to hold, for example
                                'Item{int64 id@0;char[5] code@8;int16 qty@14}#16'
                                (Layout.canonical() in Java); unless its fingerprint and size equal
                                the region's, exit 5. Repeatable. Decoding always uses the
                                segment's own description.
    --from REGION=POSITION      read ring REGION from record POSITION instead of the oldest one
                                retained; records already overwritten are reported as lost.
    --region REGION             read the slots of these regions only (repeatable; default: all);
                                the whole header, directory and descriptions are validated anyway.
    --json                      print one JSON document instead of key=value lines
    --stall-timeout SECONDS     how long a slot may stay mid-write before giving up (default 1)

Output (UTF-8): key=value lines, for example
    header.epoch=-4521...           slot.items[3]=full              data.items[3].title=Tee
    region.1.name=items             slot.items[3].sequence=4        loss.events[0]=6
    region.1.layout=Item{int64 id@0;...}#48
Text values escape backslash as \\\\, newline as \\n, carriage return as \\r and other control
characters as \\u00XX. Floats print like Python's repr (nan, inf as NaN, Infinity, -Infinity).

Exit status: 0 done; 1 the segment is corrupt (the message names the field and its value);
2 usage; 3 no such segment or it cannot be read; 4 not ready (its creator is still formatting it);
5 layout mismatch (--layout); 6 a slot stayed mid-write (its writer died, or stalled past the timeout).
"""
import argparse
import json
import math
import mmap
import os
import re
import struct
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the script for the module below
from shm_layout import decode_struct, fnv1a64, parse_layout  # noqa: E402  (the sibling file)

# ---- the format (docs/segment-format.md; HeaderDescriptor, DirectoryDescriptor, RegionDescriptor) --

HEADER_LENGTH = 128
MAGIC = b"NSHM"
FORMAT_VERSION = 1
STATE_FORMATTING, STATE_READY, STATE_RETIRED = 0, 1, 2
STATE_NAMES = {STATE_READY: "ready", STATE_RETIRED: "retired"}

# u32 and u64 fields are read signed, as Java reads them (segment-format.md §1: the signed reading is
# the reference), so that a value with its top bit set fails the same check with the same number.
HEADER_FIELDS = (  # name, offset, struct code
    ("magic", 0, "4s"), ("version", 4, "H"), ("header_length", 6, "H"), ("size", 8, "q"),
    ("epoch", 16, "q"), ("state", 24, "I"), ("region_count", 28, "i"), ("directory_offset", 32, "q"),
    ("directory_entry_length", 40, "i"), ("writer_generation", 44, "i"), ("writer_pid", 48, "q"),
    ("writer_heartbeat_ms", 56, "q"), ("writer_start_ms", 64, "q"),
)
STATE_OFFSET = 24
WRITER_PID_OFFSET, WRITER_HEARTBEAT_OFFSET, WRITER_START_OFFSET = 48, 56, 64

ENTRY_LENGTH = 128
REGION_ALIGNMENT = 64
MAX_REGIONS = 1024
MAX_DESCRIPTION_LENGTH = 1 << 20
# name, kind, element size, fingerprint, capacity, offset, length, layout name, description offset and
# length; bytes 108..127 are reserved. Signed where Java reads signed, so that messages show its values.
ENTRY = struct.Struct("=32siiqqqq24sqi")
KINDS = {1: "value", 2: "array", 3: "ring", 4: "raw"}
REGION_NAME = re.compile(r"[A-Za-z0-9_.-]{1,31}")

REGION_HEADER_LENGTH = 64
CHANGE_COUNT_OFFSET, WAITERS_OFFSET, WRITE_POSITION_OFFSET, REPAIRS_OFFSET = 0, 4, 8, 16
SLOT_HEADER_LENGTH = 16
SLOT_FLAGS_OFFSET = 8
FLAG_EMPTY = 1
MAX_RING_POSITION = 1 << 62  # EventRing.MAX_POSITION: 2p + 2 stays far from overflow

SEGMENT_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,29}")
START_TOLERANCE_MS = 1000

# Native mode (no prefix): CPython reads these with one fixed-size memcpy (see "memory access").
U32 = struct.Struct("I")
U64 = struct.Struct("Q")

EXIT_CORRUPT, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_NOT_READY, EXIT_LAYOUT, EXIT_STUCK = 1, 2, 3, 4, 5, 6


class ReaderError(Exception):
    """A failure with its exit status; the message names the segment and what is wrong."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def slot_stride(element_size):
    return (SLOT_HEADER_LENGTH + element_size + 7) & ~7


# ---- memory access ---------------------------------------------------------------------------------
#
# The seqlock and ring protocols need an acquire load of the sequence, a load-load fence between
# the copy and the second load of the sequence, and loads of a u64 that are not torn. Python offers
# none of these as such; this is why reading the way below is still adequate for a test peer:
#
#  * Each load is one native-mode struct.unpack_from call, which CPython implements as
#    memcpy(&x, p, 8): C compilers emit that as one 8-byte load on x86-64 and AArch64, and such a
#    load of an aligned address is single-copy atomic on both. So a sequence is not torn in
#    practice, although no language rule promises it.
#  * The compiler cannot move memory accesses across the opaque interpreter calls between loads,
#    and x86-64 (TSO) never reorders a load with a later load: on x86-64 every load here is in
#    effect an acquire load, and the load-load fence is implied.
#  * AArch64 may reorder independent loads, and the interpreter runs no barrier between them. The
#    hundreds of instructions and the dependent branches between two loads make a reordering that
#    escapes the second sequence check extremely unlikely, but nothing rules it out. The tests read
#    quiescent segments, where this cannot matter; a production reader in another language must
#    use the fences that docs/segment-format.md prescribes.
#
# The element is copied in one slice and decoded only after the sequence check accepted the copy,
# so decoding never sees bytes that change underneath it.


def load_u32(buf, offset):
    return U32.unpack_from(buf, offset)[0]


def load_u64(buf, offset):
    return U64.unpack_from(buf, offset)[0]


def to_signed64(value):
    return value - (1 << 64) if value >= 1 << 63 else value


# ---- opening a segment -------------------------------------------------------------------------------

class Mapped:
    """A read-only view of a segment's bytes: .buf (buffer protocol), .length, close()."""

    def __init__(self, buf, length, closer):
        self.buf = buf
        self.length = length
        self._closer = closer

    def close(self):
        self._closer()


def check_length(length, what):
    if length == 0:
        # What a reader sees between the creator's shm_open and its ftruncate.
        raise ReaderError(EXIT_NOT_READY, f"{what} is not ready: it has no bytes yet; try again")
    if length < HEADER_LENGTH:
        raise ReaderError(EXIT_CORRUPT, f"{what} is corrupt: it has {length} bytes, fewer than the "
                                        f"{HEADER_LENGTH}-byte header")


def open_file(path, what):
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise ReaderError(EXIT_NOT_FOUND, f"{what}: no such segment ({path} does not exist)")
    except OSError as e:
        raise ReaderError(EXIT_NOT_FOUND, f"{what}: cannot open {path}: {e.strerror}")
    try:
        length = os.fstat(fd).st_size
        check_length(length, what)
        view = mmap.mmap(fd, length, access=mmap.ACCESS_READ)
    finally:
        os.close(fd)
    return Mapped(view, length, view.close)


def open_named(name):
    portable = name
    for prefix in ("Global\\", "Local\\"):  # POSIX has one namespace: the prefix is ignored
        if portable.startswith(prefix) and sys.platform != "win32":
            portable = portable[len(prefix):]
    if not SEGMENT_NAME.fullmatch(portable):
        raise ReaderError(EXIT_USAGE, f"segment '{name}': a name is 1-30 characters from A-Z a-z 0-9 _ . -, "
                                      "starting with a letter, digit or _")
    what = f"segment '{name}'"
    if sys.platform.startswith("linux"):
        return open_file("/dev/shm/" + portable, what)
    # Elsewhere (macOS, Windows) through multiprocessing; untested by the test suite.
    from multiprocessing import shared_memory
    try:
        shm = shared_memory.SharedMemory(name=portable)
    except FileNotFoundError:
        raise ReaderError(EXIT_NOT_FOUND, f"{what}: no such segment")
    if os.name == "posix":
        # Python 3.8-3.12 would unlink a segment it only attached to when it exits.
        from multiprocessing import resource_tracker
        resource_tracker.unregister(shm._name, "shared_memory")
    try:
        check_length(shm.size, what)
    except ReaderError:
        shm.close()
        raise
    return Mapped(shm.buf, shm.size, shm.close)


# ---- header, directory and layout descriptions ------------------------------------------------------

def parse_segment(mapped, what):
    """Validates the header, directory and descriptions (in SegmentFormat.parse's order) and returns them."""
    buf = mapped.buf
    length = mapped.length

    def corrupt(problem):
        return ReaderError(EXIT_CORRUPT, f"{what} is corrupt: {problem}")

    check_length(length, what)
    # The state first, with acquire: nothing else is trustworthy before it reads READY or RETIRED.
    state = load_u32(buf, STATE_OFFSET)
    # Then one copy of the header, validated and then used: never re-read what was validated.
    raw = bytes(buf[0:HEADER_LENGTH])
    header = {name: struct.unpack_from("=" + code, raw, offset)[0] for name, offset, code in HEADER_FIELDS}
    header["state"] = state
    magic = header["magic"]
    if state == STATE_FORMATTING and magic in (MAGIC, bytes(len(MAGIC))):
        # Zero-filled (the creator has not written the magic yet) or half-written: retry.
        raise ReaderError(EXIT_NOT_READY, f"{what} is not ready: its creator is still formatting it "
                                          "(state 0); try again")
    if magic != MAGIC:
        raise corrupt(f"magic is 0x{magic.hex()}, expected 0x{MAGIC.hex()} ('NSHM'): not a native-shm "
                      "structured segment")
    if header["version"] != FORMAT_VERSION:
        hint = " (a segment of the other byte order?)" if header["version"] == FORMAT_VERSION << 8 else ""
        raise corrupt(f"format version {header['version']} is not supported (this reader reads "
                      f"{FORMAT_VERSION}){hint}")
    if header["header_length"] != HEADER_LENGTH:
        raise corrupt(f"header length {header['header_length']}, expected {HEADER_LENGTH}")
    if state not in STATE_NAMES:
        raise corrupt(f"state {state} is unknown (0 formatting, 1 ready, 2 retired)")
    size = header["size"]
    if not HEADER_LENGTH <= size <= length:
        raise corrupt(f"segment size {size} is outside {HEADER_LENGTH}..{length} (the mapped length)")
    if header["epoch"] == 0:
        raise corrupt("epoch is 0")
    count = header["region_count"]
    if not 1 <= count <= MAX_REGIONS:
        raise corrupt(f"region count {count} is outside 1..{MAX_REGIONS}")
    if header["directory_offset"] != HEADER_LENGTH:
        raise corrupt(f"directory offset {header['directory_offset']}, expected {HEADER_LENGTH}")
    if header["directory_entry_length"] != ENTRY_LENGTH:
        raise corrupt(f"directory entry length {header['directory_entry_length']}, expected {ENTRY_LENGTH}")
    directory_end = HEADER_LENGTH + count * ENTRY_LENGTH
    if directory_end > size:
        raise corrupt(f"the directory of {count} regions ends at {directory_end}, past the segment size {size}")

    directory = bytes(buf[HEADER_LENGTH:directory_end])
    # The description area: from the end of the directory to entry 0's region offset (or the size).
    area = (directory_end, min(ENTRY.unpack_from(directory, 0)[5], size))
    regions, previous_end, names = [], directory_end, set()
    for index in range(count):
        region = parse_entry(buf, directory, index, area, corrupt)
        where = f"directory entry {index} ('{region['name']}')"
        if region["name"] in names:
            raise corrupt(f"{where}: region name '{region['name']}' is used by an earlier entry")
        names.add(region["name"])
        start = region["offset"]
        if start % REGION_ALIGNMENT != 0 or start < previous_end:
            raise corrupt(f"{where}: region offset {start} is not a multiple of {REGION_ALIGNMENT} at or after "
                          f"{previous_end} (the end of the {'previous region' if index else 'directory'})")
        if region["length"] > size - start:
            raise corrupt(f"{where}: region offset {start} + length {region['length']} ends past the segment "
                          f"size {size}")
        previous_end = start + region["length"]
        regions.append(region)
    # Beyond what Java checks (it never parses a description): decoding needs a layout C agrees with.
    for index, region in enumerate(regions):
        if region["kind"] != "raw":
            region["struct"] = description_layout(region, f"directory entry {index} ('{region['name']}')", corrupt)
    return header, regions


def parse_entry(buf, directory, index, area, corrupt):
    (name_bytes, kind, element_size, fingerprint, capacity, offset, length, layout_bytes, description_offset,
     description_length) = ENTRY.unpack_from(directory, index * ENTRY_LENGTH)
    name = fixed_text(name_bytes)
    if not REGION_NAME.fullmatch(name):
        raise corrupt(f"directory entry {index}: region name {name!r} must be 1-31 characters from "
                      "A-Z a-z 0-9 _ . -")
    where = f"directory entry {index} ('{name}')"
    if kind not in KINDS:
        raise corrupt(f"{where}: kind {kind} is not 1 (value), 2 (array), 3 (ring) or 4 (raw)")
    kind_name = KINDS[kind]
    if element_size < 1 or (kind_name == "raw" and element_size != 1):
        raise corrupt(f"{where}: element size {element_size} is not valid for a {kind_name} region")
    if capacity < 1 or (kind_name == "value" and capacity != 1) or \
            (kind_name == "ring" and capacity & (capacity - 1) != 0):
        raise corrupt(f"{where}: capacity {capacity} is not valid for a {kind_name} region "
                      "(value: 1, ring: a power of two)")
    expected = capacity if kind_name == "raw" else REGION_HEADER_LENGTH + capacity * slot_stride(element_size)
    if length != expected:
        raise corrupt(f"{where}: region length {length} does not match capacity {capacity} of "
                      f"{element_size}-byte elements (expected {expected})")
    if offset <= 0:
        raise corrupt(f"{where}: region offset {offset} is not positive")
    fingerprint &= 0xFFFFFFFFFFFFFFFF
    if kind_name == "raw":
        if description_offset != 0 or description_length != 0:
            raise corrupt(f"{where}: a raw region has no layout description, but offset {description_offset} "
                          f"length {description_length}")
        description = ""
    else:
        description = description_text(buf, where, description_offset, description_length, fingerprint, area,
                                       corrupt)
    return {"name": name, "kind": kind_name, "layout_name": fixed_text(layout_bytes), "fingerprint": fingerprint,
            "element_size": element_size, "capacity": capacity, "offset": offset, "length": length,
            "description_offset": description_offset, "description_length": description_length,
            "layout": description}


def description_text(buf, where, offset, length, fingerprint, area, corrupt):
    """The layout description of a struct region: inside the area, strict UTF-8, hashing to the fingerprint."""
    start, end = area
    if not (1 <= length <= MAX_DESCRIPTION_LENGTH and start <= offset <= end - length):
        raise corrupt(f"{where}: layout description (offset {offset}, length {length}) is not inside the "
                      f"description area {start}..{end}")
    raw = bytes(buf[offset:offset + length])  # one copy: checked, then used
    try:
        text = raw.decode("utf-8")  # strict, as Java's CharsetDecoder: no overlongs, surrogates, > U+10FFFF
    except UnicodeDecodeError as e:
        raise corrupt(f"{where}: layout description is not UTF-8 (byte {offset + e.start} of the segment)")
    hashed = fnv1a64(raw)
    if hashed != fingerprint:
        raise corrupt(f"{where}: layout description does not hash to the fingerprint 0x{fingerprint:016x} (it "
                      f"hashes to 0x{hashed:016x})")
    return text


def description_layout(region, where, corrupt):
    try:
        layout = parse_layout(region["layout"])
    except ValueError as e:
        raise corrupt(f"{where}: layout description is not a valid layout: {e}")
    if layout.size != region["element_size"]:
        raise corrupt(f"{where}: layout description gives {layout.name} {layout.size} bytes, but the element "
                      f"size is {region['element_size']}")
    return layout


def fixed_text(raw):
    end = raw.find(b"\0")
    return (raw if end < 0 else raw[:end]).decode("utf-8", errors="replace")


# ---- writer liveness ---------------------------------------------------------------------------------

def process_start_ms(pid):
    """The start of process pid in ms since 1970 as Java computes it on Linux; None if it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("ascii", errors="replace")
        with open("/proc/stat", "rb") as f:
            boot = next(int(line.split()[1]) for line in f.read().decode("ascii").splitlines()
                        if line.startswith("btime "))
    except (OSError, StopIteration, ValueError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses
    if fields[0] in ("Z", "X"):
        return None  # a zombie cannot finish a write
    ticks = int(fields[19])  # field 22 of proc(5): starttime, in clock ticks since boot
    return boot * 1000 + ticks * 1000 // os.sysconf("SC_CLK_TCK")


def writer_alive(pid, start_ms):
    """True, False, or None where this system cannot tell."""
    if pid <= 0:
        return False
    if not sys.platform.startswith("linux"):
        return None
    started = process_start_ms(pid)
    if started is None:
        return False
    return start_ms == 0 or abs(started - start_ms) <= START_TOLERANCE_MS


# ---- slots and records -------------------------------------------------------------------------------

class Stuck(Exception):
    pass


def read_slot(buf, slot, element_size, stall_timeout, writer):
    """The seqlock read: (sequence, element bytes) or (sequence, None) for an empty slot."""
    since = None
    attempt = 0
    while True:
        before = load_u64(buf, slot)                     # acquire load
        if before & 1 == 0:
            flags = load_u32(buf, slot + SLOT_FLAGS_OFFSET)
            element = bytes(buf[slot + SLOT_HEADER_LENGTH:slot + SLOT_HEADER_LENGTH + element_size])
            after = load_u64(buf, slot)                  # after a load-load fence
            if before == after:
                empty = before == 0 or flags & FLAG_EMPTY
                return before, None if empty else element
        attempt += 1
        if attempt < 200:
            continue
        now = time.monotonic()
        since = since or now
        if not writer():
            raise Stuck("its writer died while writing it; the slot is repaired when a new writer attaches")
        if now - since > stall_timeout:
            raise Stuck(f"it stayed mid-write for over {stall_timeout} s while its writer is alive")
        time.sleep(0.00005)



def read_ring(buf, region, start, on_record, on_loss):
    """Hands records [start, write position at entry) to on_record, reporting every gap to on_loss."""
    capacity = region["capacity"]
    stride = slot_stride(region["element_size"])
    base = region["offset"]
    element_size = region["element_size"]

    def write_position():
        position = load_u64(buf, base + WRITE_POSITION_OFFSET)   # acquire load
        if position >= MAX_RING_POSITION:
            raise ReaderError(EXIT_CORRUPT, f"region '{region['name']}': write position {to_signed64(position)} "
                                            f"is outside 0..{MAX_RING_POSITION - 1}")
        return position

    def resume_after_lap(now):
        # Half a ring behind the write position, not at the oldest retained record: that one sits in
        # the slot the writer overwrites next (segment-format.md §8, as the Java reader does).
        return now - capacity // 2

    end = write_position()
    position = start if start is not None else max(0, end - capacity)
    start_position = position
    while position < end:
        now = write_position()
        if now < end:
            raise ReaderError(EXIT_CORRUPT, f"region '{region['name']}': write position {now} went back (this reader "
                                            f"saw {end})")
        if position < now - capacity:
            # At the first look the loss happened before this reader came: keep all the ring holds.
            next_position = now - capacity if position == start_position else resume_after_lap(now)
            on_loss(position, next_position - position)
            position = next_position
            continue
        slot = base + REGION_HEADER_LENGTH + (position % capacity) * stride
        expected = 2 * position + 2
        before = load_u64(buf, slot)                               # acquire load
        if before < expected:
            raise ReaderError(EXIT_CORRUPT, f"region '{region['name']}': write position {now} lies past the last "
                                            f"published record: the slot of record {position} holds sequence "
                                            f"{before}, not {expected}")
        element = None
        if before == expected:
            element = bytes(buf[slot + SLOT_HEADER_LENGTH:slot + SLOT_HEADER_LENGTH + element_size])
        after = load_u64(buf, slot)                                # after a load-load fence
        if element is None or after != before:
            # Overwritten while we looked: lapped; resume with the margin.
            next_position = max(position + 1, resume_after_lap(write_position()))
            on_loss(position, next_position - position)
            position = next_position
            continue
        on_record(position, element)
        position += 1
    return end


# ---- the whole segment -------------------------------------------------------------------------------

def read_segment(mapped, what, expected, starts, only, stall_timeout):
    header, regions = parse_segment(mapped, what)
    buf = mapped.buf
    live_pid = to_signed64(load_u64(buf, WRITER_PID_OFFSET))     # acquire load: the pid is stored last
    live_start = to_signed64(load_u64(buf, WRITER_START_OFFSET))
    # The writer fields change while the segment lives (a new writer attaches): read them live.
    header["writer_pid"], header["writer_start_ms"] = live_pid, live_start
    header["writer_heartbeat_ms"] = to_signed64(load_u64(buf, WRITER_HEARTBEAT_OFFSET))
    header["writer_alive"] = writer_alive(live_pid, live_start)

    unknown = (set(expected) | set(starts) | set(only)) - {r["name"] for r in regions}
    if unknown:
        raise ReaderError(EXIT_USAGE, f"{what} has no region {', '.join(sorted(unknown))}; it has "
                                      f"{', '.join(r['name'] for r in regions)}")
    for region in regions:
        wanted = expected.get(region["name"])
        if wanted is not None:
            if region["kind"] == "raw":
                raise ReaderError(EXIT_USAGE, f"region '{region['name']}' is raw bytes; it has no layout")
            mine = fnv1a64(wanted.canonical)
            if mine != region["fingerprint"] or wanted.size != region["element_size"]:
                raise ReaderError(EXIT_LAYOUT, f"{what}: region '{region['name']}' holds {region['layout_name']} "
                                               f"({region['element_size']} bytes, fingerprint "
                                               f"0x{region['fingerprint']:016x}), not {wanted.name} ({wanted.size} "
                                               f"bytes, fingerprint 0x{mine:016x})")
        if region["name"] in starts and region["kind"] != "ring":
            raise ReaderError(EXIT_USAGE, f"--from applies to rings; region '{region['name']}' is {region['kind']}")
        if only and region["name"] not in only:
            continue
        read_region(buf, region, starts.get(region["name"]), stall_timeout,
                    lambda: writer_alive(live_pid, live_start) is not False, what)
    return header, regions


def read_region(buf, region, start, stall_timeout, writer, what):
    base = region["offset"]
    if region["kind"] == "raw":
        return
    layout = region["struct"]
    region["slot_stride"] = slot_stride(region["element_size"])
    region["change_count"] = load_u32(buf, base + CHANGE_COUNT_OFFSET)
    region["waiters"] = load_u32(buf, base + WAITERS_OFFSET)
    region["write_position"] = load_u64(buf, base + WRITE_POSITION_OFFSET)
    region["repairs"] = load_u64(buf, base + REPAIRS_OFFSET)

    if region["kind"] == "ring":
        records, losses = [], []
        region["to"] = read_ring(buf, region, start,
                                 lambda p, e: records.append({"position": p, "data": decode_struct(layout, e, 0)}),
                                 lambda p, n: losses.append({"at": p, "count": n}))
        region["records"], region["losses"] = records, losses
        return
    slots = []
    for index in range(region["capacity"]):
        slot = base + REGION_HEADER_LENGTH + index * region["slot_stride"]
        try:
            sequence, element = read_slot(buf, slot, region["element_size"], stall_timeout, writer)
        except Stuck as e:
            raise ReaderError(EXIT_STUCK, f"{what}: slot {index} of region '{region['name']}': {e}")
        slots.append({"index": index, "sequence": sequence, "state": "empty" if element is None else "full",
                      "data": None if element is None else decode_struct(layout, element, 0)})
    region["slots"] = slots


# ---- output ------------------------------------------------------------------------------------------

def header_output(header):
    epoch = header["epoch"]
    return {
        "magic": header["magic"].decode("ascii"), "version": header["version"],
        "header_length": header["header_length"], "size": header["size"], "epoch": epoch,
        "epoch_hex": f"{epoch & 0xFFFFFFFFFFFFFFFF:x}", "state": STATE_NAMES[header["state"]],
        "region_count": header["region_count"], "directory_offset": header["directory_offset"],
        "directory_entry_length": header["directory_entry_length"],
        "writer_generation": header["writer_generation"], "writer_pid": header["writer_pid"],
        "writer_heartbeat_ms": header["writer_heartbeat_ms"], "writer_start_ms": header["writer_start_ms"],
        "writer_alive": header["writer_alive"],
    }


REGION_KEYS = ("name", "kind", "layout_name", "fingerprint", "element_size", "capacity", "offset", "length",
               "description_offset", "description_length", "layout", "slot_stride", "change_count", "waiters",
               "write_position", "repairs")


def region_output(region):
    result = {key: region[key] for key in REGION_KEYS if key in region}
    result["fingerprint"] = f"0x{region['fingerprint']:016x}"
    for key in ("slots", "records", "losses"):
        if key in region:
            result[key] = region[key]
    return result


def plain(value):
    """A value as it appears after '=' in line output."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return json_float(value) if not math.isfinite(value) else repr(value)
    if isinstance(value, str):
        return "".join(escape(c) for c in value)
    return str(value)


def escape(char):
    if char == "\\":
        return "\\\\"
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if ord(char) < 0x20 or ord(char) == 0x7f:
        return f"\\u{ord(char):04x}"
    return char


def json_float(value):
    return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"


def flatten(prefix, value, lines):
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(f"{prefix}.{key}", item, lines)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            flatten(f"{prefix}[{i}]", item, lines)
    else:
        lines.append(f"{prefix}={plain(value)}")


def print_lines(name, header, regions):
    lines = [f"segment={plain(name)}"]
    for key, value in header_output(header).items():
        lines.append(f"header.{key}={plain(value)}")
    for index, region in enumerate(regions):
        for key, value in region_output(region).items():
            if key not in ("slots", "records", "losses"):
                lines.append(f"region.{index}.{key}={plain(value)}")
    for region in regions:
        name = region["name"]
        for slot in region.get("slots", ()):
            at = f"{name}[{slot['index']}]"
            lines.append(f"slot.{at}={slot['state']}")
            lines.append(f"slot.{at}.sequence={slot['sequence']}")
            if slot["data"] is not None:
                flatten(f"data.{at}", slot["data"], lines)
        if "records" in region:
            lines.append(f"ring.{name}.to={region['to']}")
            lines.append(f"ring.{name}.lost={sum(loss['count'] for loss in region['losses'])}")
            for loss in region["losses"]:
                lines.append(f"loss.{name}[{loss['at']}]={loss['count']}")
            for record in region["records"]:
                flatten(f"data.{name}[{record['position']}]", record["data"], lines)
    sys.stdout.write("\n".join(lines) + "\n")


def print_json(name, header, regions):
    def finite(value):
        if isinstance(value, float) and not math.isfinite(value):
            return json_float(value)
        if isinstance(value, dict):
            return {k: finite(v) for k, v in value.items()}
        if isinstance(value, list):
            return [finite(v) for v in value]
        return value

    document = {"segment": name, "header": header_output(header),
                "regions": [finite(region_output(region)) for region in regions]}
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# ---- command line ------------------------------------------------------------------------------------

def pairs(values, option, convert):
    result = {}
    for value in values:
        region, sep, text = value.partition("=")
        if not sep or not region:
            raise ReaderError(EXIT_USAGE, f"{option} takes REGION=VALUE, not {value!r}")
        if region in result:
            raise ReaderError(EXIT_USAGE, f"{option} given twice for region '{region}'")
        try:
            result[region] = convert(text)
        except ValueError as e:
            raise ReaderError(EXIT_USAGE, f"{option} {region}: {e}")
    return result


def position(text):
    value = int(text)
    if value < 0:
        raise ValueError(f"a position is not negative: {value}")
    return value


def main(argv):
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stderr.reconfigure(encoding="utf-8")
    parser = argparse.ArgumentParser(prog="shm_reader.py", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("segment", help="the segment name, or a file path with --file")
    parser.add_argument("--file", action="store_true", help="SEGMENT is the path of a file-backed segment")
    parser.add_argument("--layout", action="append", default=[], metavar="REGION=CANONICAL",
                        help="the layout REGION must hold (a cross-check; decoding uses the segment's own)")
    parser.add_argument("--from", dest="starts", action="append", default=[], metavar="REGION=POSITION")
    parser.add_argument("--region", dest="only", action="append", default=[], metavar="REGION")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stall-timeout", type=float, default=1.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    what = f"file '{args.segment}'" if args.file else f"segment '{args.segment}'"
    try:
        expected = pairs(args.layout, "--layout", parse_layout)
        starts = pairs(args.starts, "--from", position)
        mapped = open_file(args.segment, what) if args.file else open_named(args.segment)
        try:
            header, regions = read_segment(mapped, what, expected, starts, set(args.only), args.stall_timeout)
        finally:
            mapped.close()
    except ReaderError as e:
        print(f"shm_reader: {e}", file=sys.stderr)
        return e.status
    (print_json if args.json else print_lines)(args.segment, header, regions)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
