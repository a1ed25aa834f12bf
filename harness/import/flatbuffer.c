/* FlatBuffers access with every offset checked. The layout (FlatBuffers
 * "internals" documentation): a table starts with an int32 soffset back to
 * its vtable; a vtable is uint16 [vtable bytes, table bytes, field offset
 * per field id...]; offset fields hold a uint32 forward offset from their
 * own position; a vector or string is a uint32 count followed by its
 * elements. */
#include "flatbuffer.h"

#include <string.h>

static int fail(tb_fb *fb, const char *what)
{
    if (!fb->err)
        fb->err = what;
    return -1;
}

/* 1 when [pos, pos + n) lies in the buffer. */
static int in_bounds(const tb_fb *fb, uint64_t pos, uint64_t n)
{
    return pos <= fb->len && n <= fb->len - pos;
}

static uint32_t rd_u16(const tb_fb *fb, uint64_t p)
{
    return (uint32_t)fb->buf[p] | (uint32_t)fb->buf[p + 1] << 8;
}

static uint32_t rd_u32(const tb_fb *fb, uint64_t p)
{
    return (uint32_t)fb->buf[p] | (uint32_t)fb->buf[p + 1] << 8 |
           (uint32_t)fb->buf[p + 2] << 16 | (uint32_t)fb->buf[p + 3] << 24;
}

static uint64_t rd_u64(const tb_fb *fb, uint64_t p)
{
    return (uint64_t)rd_u32(fb, p) | (uint64_t)rd_u32(fb, p + 4) << 32;
}

static tb_fb_table table_at(tb_fb *fb, uint64_t pos)
{
    tb_fb_table t = {0, 0, 0, 0};
    if (!in_bounds(fb, pos, 4)) {
        fail(fb, "table offset out of bounds");
        return t;
    }
    const int64_t vt = (int64_t)pos - (int64_t)(int32_t)rd_u32(fb, pos);
    if (vt < 0 || !in_bounds(fb, (uint64_t)vt, 4)) {
        fail(fb, "vtable offset out of bounds");
        return t;
    }
    const uint32_t vt_bytes = rd_u16(fb, (uint64_t)vt), size = rd_u16(fb, (uint64_t)vt + 2);
    if (vt_bytes < 4 || vt_bytes % 2 || !in_bounds(fb, (uint64_t)vt, vt_bytes) || size < 4 ||
        !in_bounds(fb, pos, size)) {
        fail(fb, "vtable or table size out of bounds");
        return t;
    }
    return (tb_fb_table){pos, (uint64_t)vt, vt_bytes, size};
}

int tb_fb_root(tb_fb *fb, const char *identifier, tb_fb_table *root)
{
    fb->err = NULL;
    if (fb->len < 8)
        return fail(fb, "file shorter than a FlatBuffers header (8 bytes)");
    if (identifier && memcmp(fb->buf + 4, identifier, 4) != 0)
        return fail(fb, "wrong file identifier");
    *root = table_at(fb, rd_u32(fb, 0));
    return fb->err ? -1 : 0;
}

/* Offset of field id inside the table, 0 when absent; checks that `bytes`
 * of it fit in the table. */
static uint32_t field(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint32_t bytes)
{
    if (!t->pos || id > 0x7ffd || 4 + 2 * id + 2 > t->vt_bytes)
        return 0;
    const uint32_t off = rd_u16(fb, t->vtable + 4 + 2 * id);
    if (off && (off < 4 || off + bytes > t->size)) {
        fail(fb, "field outside its table");
        return 0;
    }
    return off;
}

int tb_fb_has(tb_fb *fb, const tb_fb_table *t, uint32_t id)
{
    return field(fb, t, id, 1) != 0;
}

uint8_t tb_fb_u8(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint8_t def)
{
    uint32_t off = field(fb, t, id, 1);
    return off ? fb->buf[t->pos + off] : def;
}

int32_t tb_fb_i32(tb_fb *fb, const tb_fb_table *t, uint32_t id, int32_t def)
{
    uint32_t off = field(fb, t, id, 4);
    return off ? (int32_t)rd_u32(fb, t->pos + off) : def;
}

uint32_t tb_fb_u32(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint32_t def)
{
    uint32_t off = field(fb, t, id, 4);
    return off ? rd_u32(fb, t->pos + off) : def;
}

uint64_t tb_fb_u64(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint64_t def)
{
    uint32_t off = field(fb, t, id, 8);
    return off ? rd_u64(fb, t->pos + off) : def;
}

static float bits_to_f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

float tb_fb_f32(tb_fb *fb, const tb_fb_table *t, uint32_t id, float def)
{
    uint32_t off = field(fb, t, id, 4);
    return off ? bits_to_f32(rd_u32(fb, t->pos + off)) : def;
}

/* Follows the uint32 forward offset stored at p; 0 on failure. */
static uint64_t deref(tb_fb *fb, uint64_t p)
{
    const uint64_t target = p + rd_u32(fb, p);
    if (!in_bounds(fb, target, 4)) {
        fail(fb, "offset points outside the file");
        return 0;
    }
    return target;
}

tb_fb_table tb_fb_table_field(tb_fb *fb, const tb_fb_table *t, uint32_t id)
{
    tb_fb_table none = {0, 0, 0, 0};
    uint32_t off = field(fb, t, id, 4);
    uint64_t target = off ? deref(fb, t->pos + off) : 0;
    return target ? table_at(fb, target) : none;
}

static tb_fb_vec vec_at(tb_fb *fb, uint64_t target, uint32_t elem_bytes)
{
    tb_fb_vec v = {0, 0, elem_bytes};
    const uint32_t n = rd_u32(fb, target);
    if (!in_bounds(fb, target + 4, (uint64_t)n * elem_bytes)) {
        fail(fb, "vector runs past the end of the file");
        return v;
    }
    v.pos = target + 4;
    v.n = n;
    return v;
}

tb_fb_vec tb_fb_vec_field(tb_fb *fb, const tb_fb_table *t, uint32_t id, uint32_t elem_bytes)
{
    tb_fb_vec none = {0, 0, elem_bytes};
    uint32_t off = field(fb, t, id, 4);
    uint64_t target = off ? deref(fb, t->pos + off) : 0;
    return target ? vec_at(fb, target, elem_bytes) : none;
}

tb_fb_vec tb_fb_string(tb_fb *fb, const tb_fb_table *t, uint32_t id)
{
    return tb_fb_vec_field(fb, t, id, 1);
}

/* 1 when element i of a vector of `bytes`-sized elements can be read. */
static int elem_ok(tb_fb *fb, const tb_fb_vec *v, uint32_t i, uint32_t bytes)
{
    if (i < v->n && v->elem_bytes == bytes)
        return 1;
    fail(fb, "vector index out of range");
    return 0;
}

tb_fb_table tb_fb_vec_table(tb_fb *fb, const tb_fb_vec *v, uint32_t i)
{
    tb_fb_table none = {0, 0, 0, 0};
    if (!elem_ok(fb, v, i, 4))
        return none;
    uint64_t target = deref(fb, v->pos + 4ull * i);
    return target ? table_at(fb, target) : none;
}

int32_t tb_fb_vec_i32(tb_fb *fb, const tb_fb_vec *v, uint32_t i)
{
    return elem_ok(fb, v, i, 4) ? (int32_t)rd_u32(fb, v->pos + 4ull * i) : 0;
}

int64_t tb_fb_vec_i64(tb_fb *fb, const tb_fb_vec *v, uint32_t i)
{
    return elem_ok(fb, v, i, 8) ? (int64_t)rd_u64(fb, v->pos + 8ull * i) : 0;
}

float tb_fb_vec_f32(tb_fb *fb, const tb_fb_vec *v, uint32_t i)
{
    return elem_ok(fb, v, i, 4) ? bits_to_f32(rd_u32(fb, v->pos + 4ull * i)) : 0.0f;
}

const uint8_t *tb_fb_vec_bytes(const tb_fb *fb, const tb_fb_vec *v)
{
    return fb->buf + v->pos;
}
