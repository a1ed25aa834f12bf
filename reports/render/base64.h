/* Base64 (RFC 4648) of a file's bytes, for data: URIs in the HTML report. */
#ifndef TB_BASE64_H
#define TB_BASE64_H

#include <stdio.h>

/* Writes the file's bytes base64-encoded to f; 0, or -1 when unreadable. */
int tb_base64_file(const char *path, FILE *f);
/* Encodes n bytes to f. */
void tb_base64_write(const unsigned char *data, size_t n, FILE *f);

#endif
