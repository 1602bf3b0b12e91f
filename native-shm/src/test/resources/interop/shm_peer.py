#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Peer for PythonInteropTest: shares a segment with Java through multiprocessing.shared_memory.

Layout (must match PythonInteropTest): a message is an int64 counter, an int32 byte count and
that many bytes of UTF-8 text, in native byte order with no padding -- what Segment.putLong and
putInt write. The request is at offset 0, the reply at REPLY_OFFSET.

    shm_peer.py create NAME SIZE COUNTER TEXT_HEX
        Creates NAME, writes the request, prints "ready" and waits for a line on stdin. Then
        prints the reply Java wrote, unlinks NAME and prints "unlinked=yes".
    shm_peer.py attach NAME
        Attaches to NAME, prints the request and writes the reply: counter + 1 and
        "python saw: " + text. Leaves NAME in place.

Text arrives hex-encoded so that no locale can alter it on the command line. Output is
key=value lines in UTF-8.
"""
import struct
import sys
from multiprocessing import resource_tracker, shared_memory

HEADER = struct.Struct("=qi")
REQUEST_OFFSET = 0
REPLY_OFFSET = 256


def write_message(buf, offset, counter, text):
    data = text.encode("utf-8")
    HEADER.pack_into(buf, offset, counter, len(data))
    start = offset + HEADER.size
    buf[start:start + len(data)] = data


def read_message(buf, offset):
    counter, length = HEADER.unpack_from(buf, offset)
    start = offset + HEADER.size
    return counter, bytes(buf[start:start + length]).decode("utf-8")


def print_message(counter, text):
    print(f"counter={counter}")
    print(f"text={text}")


def create(name, size, counter, text):
    shm = shared_memory.SharedMemory(name=name, create=True, size=size)
    try:
        write_message(shm.buf, REQUEST_OFFSET, counter, text)
        print("ready")
        if not sys.stdin.readline():
            sys.exit("stdin closed before Java answered")
        print_message(*read_message(shm.buf, REPLY_OFFSET))
    finally:
        shm.close()
        shm.unlink()
    print("unlinked=yes")


def attach(name):
    shm = shared_memory.SharedMemory(name=name)
    # Python 3.11 registers attached segments too and would unlink this one when we exit.
    resource_tracker.unregister(shm._name, "shared_memory")
    try:
        counter, text = read_message(shm.buf, REQUEST_OFFSET)
        print_message(counter, text)
        write_message(shm.buf, REPLY_OFFSET, counter + 1, "python saw: " + text)
    finally:
        shm.close()


def main(args):
    sys.stdout.reconfigure(encoding="utf-8", line_buffering=True)
    if len(args) == 5 and args[0] == "create":
        create(args[1], int(args[2]), int(args[3]), bytes.fromhex(args[4]).decode("utf-8"))
    elif len(args) == 2 and args[0] == "attach":
        attach(args[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
