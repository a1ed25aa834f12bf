/* Figure: firmware flash and RAM as a share of each board's flash and RAM,
 * so a cell that does not fit stands out above the 100 % line. */
#include "figure.h"

#include <string.h>

#include "record_get.h"

static int build(const tb_figure_input *in, FILE *csv, FILE *plot, int *rows, char *why, size_t why_len)
{
    tb_csv_comment(csv, in, "firmware flash and RAM against the board's (firmware_memory)", "records.jsonl");
    fprintf(csv, "cell,flash [%% of board],RAM [%% of board],flash_bytes,board_flash_bytes,"
                 "ram_bytes,board_ram_bytes,status\n");
    int n = 0;
    double top = 100;
    const cJSON *r;
    cJSON_ArrayForEach(r, in->records) {
        double flash, board_flash, ram, board_ram;
        if (!tb_rec_num(r, "firmware_memory.flash.total", &flash) ||
            !tb_rec_num(r, "firmware_memory.flash.board", &board_flash) ||
            !tb_rec_num(r, "firmware_memory.ram.total", &ram) ||
            !tb_rec_num(r, "firmware_memory.ram.board", &board_ram) || board_flash <= 0 ||
            board_ram <= 0)
            continue;
        char label[200];
        const char *board = tb_rec_str(r, "emulation.board");
        snprintf(label, sizeof label, "%s %s%s%s%s", tb_rec_str(r, "workload"),
                 tb_rec_str(r, "target"), board ? " (" : "", board ? board : "", board ? ")" : "");
        tb_csv_string(csv, label);
        double pf = 100 * flash / board_flash, pr = 100 * ram / board_ram;
        fprintf(csv, ",%.6g,%.6g,%.0f,%.0f,%.0f,%.0f,", pf, pr, flash, board_flash, ram,
                board_ram);
        tb_csv_string(csv, tb_rec_str(r, "status") ? tb_rec_str(r, "status") : "-");
        fputc('\n', csv);
        top = pf > top ? pf : top;
        top = pr > top ? pr : top;
        n++;
    }
    if (n == 0) {
        snprintf(why, why_len, "no record has firmware_memory (only MCU firmware builds do)");
        return 1;
    }
    *rows = n + n / 2 + 1;
    /* Horizontal bar pairs keep the cell names readable; log x because a
     * small model uses under 1 % of a board that a large one overflows. */
    fprintf(plot,
            "set datafile columnheaders\nset logscale x\nset xlabel \"share of board memory [%%]\"\n"
            "set xrange [0.1:%.0f]\nset yrange [%d-0.5:-0.5]\nset ytics noenhanced\n"
            "set grid xtics\nset key outside top center horizontal\n"
            "set style fill solid 0.85 border\n"
            "set arrow 1 from first 100, graph 0 to first 100, graph 1 nohead dt 2 lw 1.5 lc \"black\"\n"

            "plot data using 2:($0 - 0.2):(0.1):2:($0 - 0.38):($0 - 0.02):ytic(1) "
            "with boxxyerror lt 1 title \"flash\", \\\n"
            "  '' using 3:($0 + 0.2):(0.1):3:($0 + 0.02):($0 + 0.38) with boxxyerror lt 2 "
            "title \"RAM\", \\\n"
            "  NaN with lines dt 2 lw 1.5 lc \"black\" title \"board limit\"\n",
            top * 3, n);
    return 0;
}

const tb_figure tb_figure_memory = {
    "memory",
    "Firmware flash (code, read-only data, initialised data) and RAM (data, bss, activation "
    "arena, painted stack high-water mark) of each MCU cell as a percentage of its board's "
    "flash and RAM; bars above the dashed 100 % line do not fit. Sizes are exact, from the "
    "firmware ELF.",
    build,
};
