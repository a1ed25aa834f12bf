/* ELF32 little-endian reader: section headers and the symbol table, with
 * every offset checked against the file size. */
#include "elf32.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

enum { SHT_SYMTAB = 2, SHT_NOBITS = 8, SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4 };

static int in_file(size_t size, uint32_t off, uint32_t len)
{
    return off <= size && len <= size - off;
}

static void account(tb_fw_image *img, uint32_t type, uint32_t flags, uint32_t size)
{
    if (!(flags & SHF_ALLOC))
        return;
    if (type == SHT_NOBITS)
        img->bss += size;
    else if (flags & SHF_EXECINSTR)
        img->text += size;
    else if (flags & SHF_WRITE)
        img->data += size;
    else
        img->rodata += size;
}

static void symbols(const unsigned char *b, size_t size, const unsigned char *sh,
                    const unsigned char *shtab, uint16_t shentsize, uint16_t shnum,
                    tb_fw_image *img)
{
    uint32_t off = u32(sh + 16), len = u32(sh + 20), link = u32(sh + 24);
    if (link >= shnum || !in_file(size, off, len))
        return;
    const unsigned char *str_sh = shtab + (size_t)link * shentsize;
    uint32_t str_off = u32(str_sh + 16), str_len = u32(str_sh + 20);
    if (!in_file(size, str_off, str_len))
        return;
    for (uint32_t s = 0; s + 16 <= len; s += 16) {
        const unsigned char *sym = b + off + s;
        uint32_t name = u32(sym);
        if (name >= str_len)
            continue;
        const char *n = (const char *)b + str_off + name;
        if (!memchr(n, 0, str_len - name))
            continue;
        if (strcmp(n, "tb_region_begin") == 0)
            img->marker_begin = u32(sym + 4) & ~1u;
        else if (strcmp(n, "tb_region_end") == 0)
            img->marker_end = u32(sym + 4) & ~1u;
        else if (strcmp(n, "tb_fw_arena") == 0)
            img->arena = u32(sym + 8);
    }
}

int tb_elf32_read(const char *path, tb_fw_image *img, char *err, size_t err_len)
{
    memset(img, 0, sizeof *img);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    unsigned char *b = sz > 0 ? malloc((size_t)sz) : NULL;
    size_t size = b ? fread(b, 1, (size_t)sz, f) : 0;
    fclose(f);
    int rc = -1;
    if (!b || size < 52 || memcmp(b, "\x7f" "ELF\x01\x01", 6) != 0) {
        snprintf(err, err_len, "%s: not a little-endian ELF32 file", path);
        goto out;
    }
    uint32_t shoff = u32(b + 32);
    uint16_t shentsize = u16(b + 46), shnum = u16(b + 48);
    if (shentsize < 40 || !in_file(size, shoff, (uint32_t)shentsize * shnum)) {
        snprintf(err, err_len, "%s: section header table outside the file", path);
        goto out;
    }
    const unsigned char *shtab = b + shoff;
    for (uint16_t i = 0; i < shnum; i++) {
        const unsigned char *sh = shtab + (size_t)i * shentsize;
        account(img, u32(sh + 4), u32(sh + 8), u32(sh + 20));
        if (u32(sh + 4) == SHT_SYMTAB)
            symbols(b, size, sh, shtab, shentsize, shnum, img);
    }
    if (!img->marker_begin || !img->marker_end) {
        snprintf(err, err_len, "%s: no tb_region_begin/tb_region_end symbols", path);
        goto out;
    }
    rc = 0;
out:
    free(b);
    return rc;
}
