/* Small writers shared by the figures: gnuplot strings, CSV fields, tiers. */
#include "figure.h"

#include <string.h>

int tb_tier_rank(const char *tier)
{
    static const char *const order[] = {"mcu", "edge", "server"};
    for (int i = 0; i < 3; i++)
        if (tier && strcmp(tier, order[i]) == 0)
            return i;
    return 3;
}

void tb_gp_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
    fputc('"', f);
}

void tb_csv_comment(FILE *f, const tb_figure_input *in, const char *what, const char *source)
{
    fprintf(f, "# %s\n# run %s: every value is from RUN_DIR/%s (the entry named by its row "
               "and column)\n",
            what, in->run_id, source);
}
