/* Just enough of ELF32 to account a firmware image's memory (section sizes
 * by kind) and find the region-marker functions' addresses. */
#ifndef TB_ELF32_H
#define TB_ELF32_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t text, rodata, data, bss; /* bytes; .data counts in flash and RAM */
    uint32_t arena;                   /* size of the tb_fw_arena symbol, inside bss */
    uint32_t marker_begin, marker_end; /* function addresses (Thumb bit cleared) */
} tb_fw_image;

/* 0, or -1 with a reason. */
int tb_elf32_read(const char *path, tb_fw_image *img, char *err, size_t err_len);

#endif
