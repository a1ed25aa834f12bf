/* Base64 encoding (RFC 4648, with padding). */
#include "base64.h"

void tb_base64_write(const unsigned char *d, size_t n, FILE *f)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        fputc(abc[v >> 18 & 63], f);
        fputc(abc[v >> 12 & 63], f);
        fputc(i + 1 < n ? abc[v >> 6 & 63] : '=', f);
        fputc(i + 2 < n ? abc[v & 63] : '=', f);
    }
}

int tb_base64_file(const char *path, FILE *f)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    unsigned char buf[3 * 4096];
    size_t n;
    /* Whole multiples of 3 per chunk, so padding appears only at the end. */
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        tb_base64_write(buf, n, f);
    fclose(in);
    return 0;
}
