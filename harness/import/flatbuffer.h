/* A small bounds-checked reader of FlatBuffers binaries (the format of
 * .tflite files): tables through their vtables, vectors, scalars and
 * strings. Every access checks its offset against the buffer; a failed
 * access returns a zero value and records the first error in the tb_fb, so
 * a caller reads a run of fields and checks tb_fb.err once. Nothing
 * recurses and nothing allocates; offsets into the buffer are 64-bit so no
 * sum overflows. Little-endian as the format specifies, byte by byte, so
 * unaligned data is fine. */
#ifndef TB_FLATBUFFER_H
#define TB_FLATBUFFER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *buf;
    size_t len;         /* bytes */
    const char *err;    /* first failed access, or NULL */
} tb_fb;

typedef struct {
    uint64_t pos;       /* table start in the buffer; 0 for an absent table */
    uint64_t vtable;
    uint32_t vt_bytes;  /* vtable length in bytes */
    uint32_t size;      /* inline table size in bytes */
} tb_fb_table;

typedef struct {
    uint64_t pos;       /* first element */
    uint32_t n;         /* element count */
    uint32_t elem_bytes;
} tb_fb_vec;

/* The root table; also checks the 4-byte file identifier at offset 4
 * (NULL: not checked). -1 with fb->err set on failure. */
int tb_fb_root(tb_fb *fb, const char *identifier, tb_fb_table *root);

/* 1 when field `id` (declaration order, unions count two) is present. */
int tb_fb_has(tb_fb *fb, const tb_fb_table *t, uint32_t id);

/* Scalars with the schema default when absent. */
uint8_t tb_fb_u8(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint8_t def);
int32_t tb_fb_i32(tb_fb *fb, const tb_fb_table *t, uint32_t id, int32_t def);
uint32_t tb_fb_u32(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint32_t def);
uint64_t tb_fb_u64(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint64_t def);
float tb_fb_f32(tb_fb *fb, const tb_fb_table *t, uint32_t id, float def);

/* A sub-table; an absent field gives pos 0 (test with t.pos). */
tb_fb_table tb_fb_table_field(tb_fb *fb, const tb_fb_table *t, uint32_t id);
/* A vector of elem_bytes-sized scalars, or of tables / strings
 * (elem_bytes 4, offsets); absent gives n 0. */
tb_fb_vec tb_fb_vec_field(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint32_t elem_bytes);
/* A string field as a byte vector (no terminator needed). */
tb_fb_vec tb_fb_string(tb_fb *fb, const tb_fb_table *t, uint32_t id);

/* Elements; i must be < v->n (checked). */
tb_fb_table tb_fb_vec_table(tb_fb *fb, const tb_fb_vec *v, uint32_t i);
int32_t tb_fb_vec_i32(tb_fb *fb, const tb_fb_vec *v, uint32_t i);
int64_t tb_fb_vec_i64(tb_fb *fb, const tb_fb_vec *v, uint32_t i);
float tb_fb_vec_f32(tb_fb *fb, const tb_fb_vec *v, uint32_t i);
/* The vector's bytes (n * elem_bytes of them, in bounds). */
const uint8_t *tb_fb_vec_bytes(const tb_fb *fb, const tb_fb_vec *v);

#endif
