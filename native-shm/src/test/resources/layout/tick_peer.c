/**
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Peer for CStructInteropTest: shares struct Tick with Java through POSIX shared memory. The
 * struct comes from the header that Layout.of(Tick.class).cHeader() generated (tick.h, on the
 * include path); this file only names its fields. NAME is the Java segment name, "/" NAME the
 * POSIX one; the struct lives at OFFSET.
 *
 *   tick_peer print NAME OFFSET   print the struct, field by field
 *   tick_peer fill NAME OFFSET    write the values of fill() into it, then print it
 *
 * Output is key=value lines, keyed as RecordValues.flatten keys a record: integers in decimal,
 * floating point numbers as their bits in hex, booleans as the value of their byte, text as hex
 * of all its bytes. Then sizeof and the fingerprint macro.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tick.h"

#define LENGTH(array) (sizeof(array) / sizeof((array)[0]))

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static void print_double(const char *key, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    printf("%s=%016" PRIx64 "\n", key, bits);
}

static void print_float(const char *key, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    printf("%s=%08" PRIx32 "\n", key, bits);
}

/* The byte itself, not a bool read of it: Java must write exactly 1 or 0. */
static void print_bool(const char *key, const bool *value)
{
    uint8_t byte;
    memcpy(&byte, value, 1);
    printf("%s=%u\n", key, (unsigned) byte);
}

static void print_text(const char *key, const char *text, size_t capacity)
{
    printf("%s=", key);
    for (size_t i = 0; i < capacity; i++) {
        printf("%02x", (unsigned char) text[i]);
    }
    putchar('\n');
}

static void print_price(const char *key, const struct Price *price)
{
    printf("%s.mantissa=%" PRId64 "\n", key, price->mantissa);
    printf("%s.exponent=%d\n", key, price->exponent);
}

static void print_tick(const struct Tick *t)
{
    char key[32];
    printf("kind=%d\n", t->kind);
    printf("sequence=%" PRId64 "\n", t->sequence);
    printf("venue=%d\n", t->venue);
    printf("flag=%u\n", (unsigned) t->flag);
    printf("count=%" PRId32 "\n", t->count);
    print_double("price", t->price);
    print_float("ratio", t->ratio);
    print_bool("live", &t->live);
    print_text("symbol", t->symbol, sizeof t->symbol);
    for (size_t i = 0; i < LENGTH(t->sides); i++) {
        snprintf(key, sizeof key, "sides[%zu]", i);
        print_bool(key, &t->sides[i]);
    }
    print_price("best", &t->best);
    for (size_t i = 0; i < LENGTH(t->levels); i++) {
        snprintf(key, sizeof key, "levels[%zu]", i);
        print_price(key, &t->levels[i]);
    }
    for (size_t i = 0; i < LENGTH(t->lots); i++) {
        printf("lots[%zu]=%d\n", i, t->lots[i]);
    }
    for (size_t i = 0; i < LENGTH(t->marks); i++) {
        snprintf(key, sizeof key, "marks[%zu]", i);
        print_double(key, t->marks[i]);
    }
    print_text("code", t->code, sizeof t->code);
    printf("last=%d\n", t->last);
    printf("sizeof=%zu\n", sizeof *t);
    printf("fingerprint=%016llx\n", (unsigned long long) TICK_FINGERPRINT);
}

static double from_bits(uint64_t bits)
{
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* Values CStructInteropTest.C_WROTE expects. */
static void fill(struct Tick *t)
{
    memset(t, 0xAB, sizeof *t); /* garbage in the padding: Java must ignore it */
    t->kind = -7;
    t->sequence = INT64_MIN;
    t->venue = INT16_MIN;
    t->flag = UINT16_MAX;
    t->count = INT32_MAX;
    t->price = -0.0;
    t->ratio = NAN;
    t->live = true;
    memset(t->symbol, 0, sizeof t->symbol);
    memcpy(t->symbol, "Gr\xc3\xbc\xc3\x9f" "e \xe2\x9c\x93", 11); /* "Grüße ✓" */
    t->sides[0] = true;
    t->sides[1] = false;
    t->sides[2] = true;
    t->best.mantissa = INT64_MAX;
    t->best.exponent = INT8_MIN;
    t->levels[0].mantissa = -1;
    t->levels[0].exponent = 0;
    t->levels[1].mantissa = 1234567890123;
    t->levels[1].exponent = INT8_MAX;
    t->lots[0] = 1;
    t->lots[1] = -2;
    t->lots[2] = INT16_MAX;
    t->marks[0] = -INFINITY;
    t->marks[1] = from_bits(0x7ff800000000abcdULL); /* a NaN with a payload */
    memcpy(t->code, "\xe2\x82\xac" "x", 4); /* "€x": all 4 bytes, no NUL */
    t->last = -1;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "print") != 0 && strcmp(argv[1], "fill") != 0)) {
        fputs("usage: tick_peer print|fill NAME OFFSET\n", stderr);
        return 64;
    }
    int writing = strcmp(argv[1], "fill") == 0;
    char name[256];
    snprintf(name, sizeof name, "/%s", argv[2]);
    long offset = strtol(argv[3], NULL, 10);

    int fd = shm_open(name, writing ? O_RDWR : O_RDONLY, 0);
    if (fd < 0) {
        die("shm_open");
    }
    size_t length = (size_t) offset + sizeof(struct Tick);
    unsigned char *memory = mmap(NULL, length, writing ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
    if (memory == MAP_FAILED) {
        die("mmap");
    }
    struct Tick *tick = (struct Tick *) (memory + offset);
    if (writing) {
        fill(tick);
    }
    print_tick(tick);
    munmap(memory, length);
    close(fd);
    return 0;
}
