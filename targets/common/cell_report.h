/* Reading what a cell program printed: the `tierbench: KEY VALUE` lines of
 * the MCU firmware (fw_main.c) and of the native cell program
 * (targets/native/cell_main.c documents the protocol). */
#ifndef TB_CELL_REPORT_H
#define TB_CELL_REPORT_H

#include <stdint.h>

typedef struct {
    /* set by the caller */
    int8_t *output;      /* n_output bytes */
    int64_t n_output;
    double *samples_ns;  /* room for max_samples, or NULL */
    int max_samples;
    /* filled by tb_cell_report_parse; -1 (or empty) when not reported */
    int64_t got_output;  /* output bytes read */
    long stack, status;  /* bytes; tb_status */
    char fault[160];
    int n_samples;       /* ns per inference, one per repetition */
    int64_t iterations;  /* inferences per repetition */
    int64_t peak_rss_bytes;
} tb_cell_report;

/* Reads every report line of the log (other lines are ignored). */
void tb_cell_report_parse(const char *log_path, tb_cell_report *r);

#endif
