/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.LayoutDescription.Member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a canonical layout text (grammar in {@link Layout#canonical()} and
 * {@code docs/segment-format.md} §11.3) by recursive descent, checking each offset and size
 * against the C placement rules as it goes. The text is untrusted: every failure is an
 * {@link IllegalArgumentException} naming the problem and its position, recursion is bounded by
 * {@link LayoutDescription#MAX_DEPTH}, and what it allocates is proportional to the text's length.
 */
final class LayoutText {
    private static final long MAX_NUMBER = Integer.MAX_VALUE;
    private static final int EXCERPT = 24;
    private static final Map<String, Scalar> SCALARS = new HashMap<>();

    static {
        for (Scalar scalar : Scalar.values()) {
            SCALARS.put(scalar.token, scalar);
        }
    }

    private final String text;
    private int at;

    private LayoutText(String text) {
        this.text = text;
    }

    static LayoutDescription parse(String text) {
        if (text.length() > LayoutDescription.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("invalid layout description: " + text.length()
                    + " characters, more than " + LayoutDescription.MAX_TEXT_LENGTH);
        }
        LayoutText parser = new LayoutText(text);
        LayoutDescription layout = parser.struct(parser.identifier("a struct name"), 0, 1);
        if (parser.at < text.length()) {
            throw parser.error(parser.at, "unexpected text after the size of struct " + layout.name());
        }
        return layout;
    }

    /** {@code "{" member *(";" member) "}#" size}, after the struct's name (which began at {@code start}). */
    private LayoutDescription struct(String name, int start, int depth) {
        expect('{', "'{' after struct name " + name);
        List<Member> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long end = 0;
        int alignment = 1;
        do {
            int memberAt = at;
            Member member = member(name, end, depth);
            if (!names.add(member.name())) {
                throw error(memberAt, "struct " + name + " has two members named " + member.name());
            }
            members.add(member);
            end = (long) member.offset() + member.size();
            alignment = Math.max(alignment, member.alignment());
        } while (accept(';'));
        expect('}', "';' or '}' after a member of struct " + name);
        expect('#', "'#' and the size after the members of struct " + name);
        int sizeAt = at;
        long size = number("the size of struct " + name);
        long expected = alignUp(end, alignment);
        if (size != expected) {
            throw error(sizeAt, "struct " + name + " has size " + size + ", but C makes it " + expected
                    + " (its members end at " + end + ", its alignment is " + alignment + ")");
        }
        return new LayoutDescription(name, members, (int) size, alignment, text, start, at);
    }

    /** {@code type [ "[" count "]" ] " " name "@" offset}, placed after a member that ends at {@code end}. */
    private Member member(String struct, long end, int depth) {
        int typeAt = at;
        String element = identifier("a member type");
        Scalar scalar = null;
        LayoutDescription nested = null;
        if (peek('{')) {
            if (depth >= LayoutDescription.MAX_DEPTH) {
                throw error(typeAt, "structs are nested more than " + LayoutDescription.MAX_DEPTH + " deep");
            }
            nested = struct(element, typeAt, depth + 1);
        } else if (!element.equals("char")) {
            scalar = SCALARS.get(element);
            if (scalar == null) {
                throw error(typeAt, "unknown type " + element + "; a type is bool, int8, int16, uint16, int32,"
                        + " int64, float32, float64, char[n] or a nested struct Name{...}#size");
            }
        }
        int length = 0;
        if (accept('[')) {
            int lengthAt = at;
            length = (int) number("an array length");
            if (length == 0) {
                throw error(lengthAt, "an array length must be at least 1");
            }
            expect(']', "']' after the array length");
        } else if (scalar == null && nested == null) {
            throw error(typeAt, "char needs a capacity: char[n]");
        }
        long size = Member.sizeOf(Member.elementSize(scalar, nested), length);
        if (size > MAX_NUMBER) {
            throw error(typeAt, "a member of " + size + " bytes is larger than " + MAX_NUMBER);
        }
        expect(' ', "a space after the type");
        String name = identifier("a member name");
        expect('@', "'@' and the offset after member " + name);
        int offsetAt = at;
        long offset = number("the offset of member " + name);
        Member member = new Member(name, (int) offset, scalar, nested, length);
        long expected = alignUp(end, member.alignment());
        if (offset != expected) {
            throw error(offsetAt, "member " + struct + "." + name + " is at offset " + offset + ", but C places it at "
                    + expected + " (the previous member ends at " + end + ", its alignment is "
                    + member.alignment() + ")");
        }
        if (offset + size > MAX_NUMBER) {
            throw error(offsetAt, "struct " + struct + " would end at byte " + (offset + size) + ", beyond " + MAX_NUMBER);
        }
        return member;
    }

    /** A Java identifier without ignorable (control) characters: what a record or component name is. */
    private String identifier(String what) {
        int start = at;
        while (at < text.length()) {
            int codePoint = text.codePointAt(at);
            boolean valid = at == start ? Character.isJavaIdentifierStart(codePoint)
                    : Character.isJavaIdentifierPart(codePoint);
            if (!valid || Character.isIdentifierIgnorable(codePoint)) {
                break;
            }
            at += Character.charCount(codePoint);
        }
        if (at == start) {
            throw error(at, "expected " + what + ", found " + found());
        }
        return text.substring(start, at);
    }

    /** Decimal digits, no sign, no leading zero, at most {@link #MAX_NUMBER}. */
    private long number(String what) {
        int start = at;
        long value = 0;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            if (at > start && value == 0) {
                throw error(start, what + " has a leading zero");
            }
            value = value * 10 + (text.charAt(at++) - '0');
            if (value > MAX_NUMBER) {
                throw error(start, what + " is larger than " + MAX_NUMBER);
            }
        }
        if (at == start) {
            throw error(at, "expected " + what + " (a decimal number), found " + found());
        }
        return value;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private boolean accept(char c) {
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) {
        if (!accept(c)) {
            throw error(at, "expected " + what + ", found " + found());
        }
    }

    private String found() {
        return at < text.length() ? "'" + printable(text.substring(at, at + Character.charCount(text.codePointAt(at))))
                + "'" : "the end of the text";
    }

    private static long alignUp(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** The problem, where it is, and the text around it (escaped: the text may hold anything). */
    private IllegalArgumentException error(int position, String problem) {
        int from = Math.max(0, position - EXCERPT);
        int to = Math.min(text.length(), position + EXCERPT);
        String excerpt = (from > 0 ? "..." : "") + printable(text.substring(from, position)) + " >>> "
                + printable(text.substring(position, to)) + (to < text.length() ? "..." : "");
        return new IllegalArgumentException("invalid layout description: " + problem + " (at character " + position
                + ": \"" + excerpt + "\")");
    }

    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (c < 0x20 || c == 0x7f || Character.isISOControl(c) || Character.isSurrogate((char) c) || c == '"'
                    || c == '\\') {
                printable.append(String.format("\\u%04x", c));
            } else {
                printable.append((char) c);
            }
        });
        return printable.toString();
    }
}
