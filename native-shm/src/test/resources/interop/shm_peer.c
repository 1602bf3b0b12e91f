/**
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Peer for CInteropTest: shares `struct shared` with Java (CInteropTest.Shared, a JNA Structure)
 * through POSIX shared memory. NAME is the Java segment name; the POSIX name is "/" NAME. The
 * struct lives at OFFSET in the segment. Output is key=value lines.
 *
 *   shm_peer layout                     sizeof and field offsets of struct shared
 *   shm_peer create NAME SIZE OFFSET COUNTER FLAGS TEXT_HEX RATIO
 *                                       shm_open(O_CREAT | O_EXCL, 0600), ftruncate, fill in
 *   shm_peer update NAME OFFSET         print the segment and struct, then reply = counter + 1
 *   shm_peer read NAME OFFSET           print the segment and struct, opened read-only
 *   shm_peer unlink NAME                shm_unlink
 *
 * Text arrives hex-encoded so that no locale can alter it on the command line.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct shared {
    int64_t counter;
    int32_t flags;
    char text[32];
    double ratio;
    int64_t reply;
};

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static void usage(void)
{
    fputs("usage: shm_peer layout | create NAME SIZE OFFSET COUNTER FLAGS TEXT_HEX RATIO"
          " | update NAME OFFSET | read NAME OFFSET | unlink NAME\n", stderr);
    exit(64);
}

static int64_t parse_int(const char *text)
{
    char *end;
    long long value = strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0') {
        usage();
    }
    return value;
}

static double parse_double(const char *text)
{
    char *end;
    double value = strtod(text, &end);
    if (*text == '\0' || *end != '\0') {
        usage();
    }
    return value;
}

static void set_text(struct shared *s, const char *hex)
{
    size_t length = strlen(hex) / 2;
    if (strlen(hex) % 2 != 0 || length >= sizeof s->text) {
        usage();
    }
    memset(s->text, 0, sizeof s->text);
    for (size_t i = 0; i < length; i++) {
        unsigned int byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1) {
            usage();
        }
        s->text[i] = (char) byte;
    }
}

/* The POSIX name of a Java segment name; valid until the next call. */
static const char *posix_name(const char *name)
{
    static char buffer[256];
    snprintf(buffer, sizeof buffer, "/%s", name);
    return buffer;
}

static int open_segment(const char *name, int flags)
{
    int fd = shm_open(posix_name(name), flags, 0600);
    if (fd < 0) {
        die("shm_open");
    }
    return fd;
}

/* Maps the whole segment behind fd and returns the struct at offset; *st describes the segment. */
static struct shared *map_shared(int fd, const char *offset_text, struct stat *st)
{
    int64_t offset = parse_int(offset_text);
    if (fstat(fd, st) < 0) {
        die("fstat");
    }
    if (offset < 0 || offset % _Alignof(struct shared) != 0
            || offset > st->st_size - (int64_t) sizeof(struct shared)) {
        fprintf(stderr, "struct shared does not fit at offset %s of a %lld-byte segment\n",
                offset_text, (long long) st->st_size);
        exit(2);
    }
    int writable = (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR;
    char *base = mmap(NULL, st->st_size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        die("mmap");
    }
    close(fd);
    return (struct shared *) (base + offset);
}

static void print_shared(const struct shared *s, const struct stat *st)
{
    printf("size=%lld\n", (long long) st->st_size);
    printf("mode=%o\n", (unsigned int) (st->st_mode & 0777));
    printf("counter=%" PRId64 "\n", s->counter);
    printf("flags=%" PRId32 "\n", s->flags);
    printf("text=%.*s\n", (int) strnlen(s->text, sizeof s->text), s->text);
    printf("ratio=%.17g\n", s->ratio);
    printf("reply=%" PRId64 "\n", s->reply);
}

static void print_layout(void)
{
    printf("sizeof=%zu\n", sizeof(struct shared));
    printf("offset.counter=%zu\n", offsetof(struct shared, counter));
    printf("offset.flags=%zu\n", offsetof(struct shared, flags));
    printf("offset.text=%zu\n", offsetof(struct shared, text));
    printf("offset.ratio=%zu\n", offsetof(struct shared, ratio));
    printf("offset.reply=%zu\n", offsetof(struct shared, reply));
}

int main(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : "";
    struct stat st;
    if (strcmp(command, "layout") == 0 && argc == 2) {
        print_layout();
    } else if (strcmp(command, "create") == 0 && argc == 9) {
        int fd = open_segment(argv[2], O_CREAT | O_EXCL | O_RDWR);
        if (ftruncate(fd, parse_int(argv[3])) < 0) {
            die("ftruncate");
        }
        struct shared *s = map_shared(fd, argv[4], &st);
        s->counter = parse_int(argv[5]);
        s->flags = (int32_t) parse_int(argv[6]);
        set_text(s, argv[7]);
        s->ratio = parse_double(argv[8]);
        print_shared(s, &st);
    } else if (strcmp(command, "update") == 0 && argc == 4) {
        struct shared *s = map_shared(open_segment(argv[2], O_RDWR), argv[3], &st);
        print_shared(s, &st);
        s->reply = s->counter + 1;
    } else if (strcmp(command, "read") == 0 && argc == 4) {
        print_shared(map_shared(open_segment(argv[2], O_RDONLY), argv[3], &st), &st);
    } else if (strcmp(command, "unlink") == 0 && argc == 3) {
        if (shm_unlink(posix_name(argv[2])) < 0) {
            die("shm_unlink");
        }
    } else {
        usage();
    }
    return 0;
}
