/* The report parser. The output line grows with the output tensor (2 hex
 * digits a byte), so lines are read with getline, not a fixed buffer. */
#include "cell_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_line(const char *p, tb_cell_report *r)
{
    if (strncmp(p, "output ", 7) == 0) {
        p += 7;
        for (; p[0] && p[1] && r->got_output < r->n_output; p += 2) {
            char hex[3] = {p[0], p[1], 0};
            r->output[r->got_output++] = (int8_t)strtol(hex, NULL, 16);
        }
    } else if (strncmp(p, "stack ", 6) == 0) {
        r->stack = strtol(p + 6, NULL, 16);
    } else if (strncmp(p, "status ", 7) == 0) {
        r->status = strtol(p + 7, NULL, 16);
    } else if (strncmp(p, "fault ", 6) == 0) {
        snprintf(r->fault, sizeof r->fault, "%s", p + 6);
    } else if (strncmp(p, "iterations ", 11) == 0) {
        r->iterations = strtoll(p + 11, NULL, 10);
    } else if (strncmp(p, "sample_ns ", 10) == 0) {
        if (r->samples_ns && r->n_samples < r->max_samples)
            r->samples_ns[r->n_samples++] = strtod(p + 10, NULL);
    } else if (strncmp(p, "peak_rss_bytes ", 15) == 0) {
        r->peak_rss_bytes = strtoll(p + 15, NULL, 10);
    }
}

void tb_cell_report_parse(const char *log_path, tb_cell_report *r)
{
    r->stack = r->status = -1;
    r->got_output = 0;
    r->fault[0] = 0;
    r->n_samples = 0;
    r->iterations = r->peak_rss_bytes = -1;
    FILE *f = fopen(log_path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = 0;
        const char *p = strstr(line, "tierbench: ");
        if (p)
            parse_line(p + 11, r);
    }
    free(line);
    fclose(f);
}
