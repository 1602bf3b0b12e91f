#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Struct layouts of native-shm segments: the canonical layout string, its fingerprint, decoding.

The part of docs/segment-format.md §11 that shm_reader.py needs, in the Python standard library:
parse_layout() reads a canonical layout string (Layout.canonical() in Java; the text a segment
embeds for each struct region) and checks it against C's placement rules, fnv1a64() is the
fingerprint, and decode_struct() turns a struct's bytes into a dict.
"""
import re
import struct
import unicodedata

SCALARS = {  # canonical token: (size = alignment, struct code)
    "bool": (1, "?"), "int8": (1, "b"), "int16": (2, "h"), "uint16": (2, "H"),
    "int32": (4, "i"), "int64": (8, "q"), "float32": (4, "f"), "float64": (8, "d"),
}
NUMBER = re.compile(r"0|[1-9][0-9]{0,9}")
MAX_NUMBER = (1 << 31) - 1  # every number, member size and struct end is at most this (a Java int)

# Names of structs and members (segment-format.md §11.3): what Java's Character.isJavaIdentifierStart
# and isJavaIdentifierPart accept, without the characters isIdentifierIgnorable accepts (controls, NUL,
# format characters such as U+200B). By Unicode general category:
NAME_START = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Sc", "Pc"))  # letters, letter numbers, $, _
NAME_PART = NAME_START | {"Nd", "Mn", "Mc"}                                # and digits, combining marks


def is_name(text):
    """Whether text is a struct or member name: a first character from NAME_START, the rest from NAME_PART."""
    return bool(text) and unicodedata.category(text[0]) in NAME_START and \
        all(unicodedata.category(c) in NAME_PART for c in text[1:])


def align_up(value, alignment):
    return (value + alignment - 1) // alignment * alignment


def fnv1a64(data):
    """The layout fingerprint: FNV-1a 64 over the UTF-8 bytes of the canonical string (str or bytes)."""
    value = 0xcbf29ce484222325
    for byte in data.encode("utf-8") if isinstance(data, str) else data:
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value


class Struct:
    """A parsed layout: name, fields [(name, offset, Type)], size, alignment, canonical text."""

    def __init__(self, name, fields, size, canonical):
        self.name = name
        self.fields = fields
        self.size = size
        self.canonical = canonical
        self.alignment = max(t.alignment for _, _, t in fields)


class Type:
    """A member type: kind 'scalar', 'text' or 'struct'; length 0 or the array length / text capacity."""

    def __init__(self, kind, length, scalar=None, struct_=None):
        self.kind = kind
        self.length = length
        self.scalar = scalar
        self.struct = struct_
        if kind == "scalar":
            self.element_size = self.alignment = SCALARS[scalar][0]
        elif kind == "text":
            self.element_size = self.alignment = 1
        else:
            self.element_size, self.alignment = struct_.size, struct_.alignment
        self.size = self.element_size * max(length, 1)

    def describe(self):
        element = self.scalar if self.kind == "scalar" else "char" if self.kind == "text" else self.struct.name
        return element + (f"[{self.length}]" if self.length else "")


def parse_layout(text):
    """The Struct that canonical string `text` describes.

    Raises ValueError naming the problem and its place if the text breaks the grammar, or if an
    offset or a size differs from what C's natural alignment gives (§11.2)."""
    parser = _Parser(text)
    try:
        layout = parser.layout()
    except RecursionError:
        raise ValueError("structs are nested too deeply for this reader") from None
    if parser.at != len(text):
        parser.fail("unexpected text after the layout")
    return layout


class _Parser:
    """layout := NAME '{' field (';' field)* '}#' SIZE ;  field := type ' ' NAME '@' OFFSET ;
    type := element ('[' COUNT ']')? ;  element := SCALAR | 'char' | layout"""

    def __init__(self, text):
        self.text = text
        self.at = 0

    def fail(self, problem):
        shown = self.text if len(self.text) <= 200 else self.text[:200] + "..."
        raise ValueError(f"{problem} at character {self.at} of '{shown}'")

    def expect(self, char):
        if not self.text.startswith(char, self.at):
            self.fail(f"expected '{char}'")
        self.at += 1

    def name_until(self, stops):
        start = self.at
        while self.at < len(self.text) and self.text[self.at] not in stops:
            if self.text[self.at] in "{}[]@#; ":
                self.fail(f"unexpected '{self.text[self.at]}'")
            self.at += 1
        if self.at == start or self.at == len(self.text):
            self.fail("expected a name")
        name = self.text[start:self.at]
        if not is_name(name):
            self.at = start
            self.fail(f"{name!r} is not a name (a letter, $ or _, then letters, digits, $ or _)")
        return name

    def number(self):
        match = NUMBER.match(self.text, self.at)
        if not match:
            self.fail("expected a number")
        value = int(match.group())
        if value > MAX_NUMBER:
            self.fail(f"{value} is larger than {MAX_NUMBER}")
        self.at = match.end()
        return value

    def layout(self):
        start = self.at
        return self.layout_body(self.name_until("{"), start)

    def layout_body(self, name, start):
        self.expect("{")
        fields, end = [], 0
        while True:
            member = self.type()
            self.expect(" ")
            field = self.name_until("@")
            self.expect("@")
            offset = self.number()
            placed = align_up(end, member.alignment)
            if offset != placed:
                self.fail(f"{name}.{field} ({member.describe()}) is at offset {offset}, but C's natural "
                          f"alignment places it at {placed}")
            if any(f == field for f, _, _ in fields):
                self.fail(f"{name}.{field} is declared twice")
            if member.size > MAX_NUMBER:
                self.fail(f"{name}.{field} has {member.size} bytes, more than {MAX_NUMBER}")
            fields.append((field, offset, member))
            end = offset + member.size
            if end > MAX_NUMBER:
                self.fail(f"{name} would end at byte {end}, beyond {MAX_NUMBER}")
            if self.text.startswith("}", self.at):
                break
            self.expect(";")
        self.expect("}")
        self.expect("#")
        size = self.number()
        result = Struct(name, fields, size, self.text[start:self.at])
        if size != align_up(end, result.alignment):
            self.fail(f"{name} has size {size}, but C gives {align_up(end, result.alignment)} (members end at "
                      f"{end}, alignment {result.alignment})")
        return result

    def type(self):
        start = self.at
        token = self.name_until(" [{")
        nested = None
        if self.text.startswith("{", self.at):
            nested = self.layout_body(token, start)
        elif token not in SCALARS and token != "char":
            self.fail(f"unknown type '{token}'")
        length = 0
        if self.text.startswith("[", self.at):
            self.at += 1
            length = self.number()
            if length < 1:
                self.fail("an array length is at least 1")
            self.expect("]")
        if nested is not None:
            return Type("struct", length, struct_=nested)
        if token == "char":
            if length == 0:
                self.fail("text is char[n]; a lone 'char' is not a type")
            return Type("text", length)
        return Type("scalar", length, scalar=token)


def decode_struct(layout, data, base):
    """The struct at data[base:] as a dict of field name to value (lists for arrays, dicts for structs)."""
    return {name: decode_member(member, data, base + offset) for name, offset, member in layout.fields}


def decode_member(member, data, at):
    if member.kind == "text":
        raw = data[at:at + member.length]
        end = raw.find(b"\0")
        # errors="replace": one U+FFFD per maximal invalid subpart, as the Java reader does
        return (raw if end < 0 else raw[:end]).decode("utf-8", errors="replace")
    if member.kind == "scalar":
        code = SCALARS[member.scalar][1]
        if member.length == 0:
            return struct.unpack_from("=" + code, data, at)[0]
        return list(struct.unpack_from(f"={member.length}{code}", data, at))
    if member.length == 0:
        return decode_struct(member.struct, data, at)
    return [decode_struct(member.struct, data, at + i * member.struct.size) for i in range(member.length)]
