/* Pure parts of the report: number formatting, the table model and its
 * estimate marking in each renderer, record field access and which values
 * count as measured, base64, and the figures' CSV quoting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "figure.h"
#include "record_get.h"
#include "report.h"
#include "table.h"
#include "tb_test.h"

static int test_format_number(void)
{
    char b[32];
    static const struct {
        double v;
        const char *want;
    } cases[] = {{0.16906818, "0.1691"}, {42.393243, "42.39"}, {1678.77, "1679"},
                 {22081.98, "22082"},    {0.0107, "0.01070"},  {0, "0"},
                 {2.1e10, "2.100e+10"},  {1e-4, "1.000e-04"},  {-3.14159, "-3.142"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tb_format_number(cases[i].v, b, sizeof b);
        if (strcmp(b, cases[i].want) != 0)
            fprintf(stderr, "format %g: got %s want %s\n", cases[i].v, b, cases[i].want);
        TB_CHECK(strcmp(b, cases[i].want) == 0);
    }
    return 0;
}

static tb_table *sample_table(void)
{
    tb_table *t = tb_table_new("t", "A & B", "run x");
    tb_table_col(t, "target", "", 0);
    tb_table_col(t, "latency", "ms", 1);
    tb_table_col(t, "energy", "µJ", 1);
    tb_table_row(t);
    tb_table_text(t, "cortex_m4");
    tb_table_num(t, 1, 42.39324, 1);
    tb_table_num(t, 0, 0, 0);
    tb_table_row(t);
    tb_table_text(t, NULL);
    tb_table_num(t, 1, 0.5, 0);
    tb_table_num(t, 1, NAN, 0);
    return t;
}

static int test_table_model(void)
{
    tb_table *t = sample_table();
    TB_CHECK_EQ_INT(t->nrows, 2);
    TB_CHECK(strcmp(tb_table_cell(t, 0, 1)->text, "42.39") == 0);
    TB_CHECK(tb_table_cell(t, 0, 1)->estimated);
    TB_CHECK_NEAR(tb_table_cell(t, 0, 1)->key, 42.39324, 1e-9);
    TB_CHECK(strcmp(tb_table_cell(t, 0, 2)->text, "-") == 0);
    TB_CHECK(isnan(tb_table_cell(t, 0, 2)->key));
    TB_CHECK(strcmp(tb_table_cell(t, 1, 0)->text, "-") == 0);
    TB_CHECK(!tb_table_cell(t, 1, 1)->estimated);
    TB_CHECK(strcmp(tb_table_cell(t, 1, 2)->text, "-") == 0); /* NaN is no value */
    tb_table_free(t);
    return 0;
}

static int test_latex_marks_and_escapes(void)
{
    tb_table *t = sample_table();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tb_render_latex_table(t, f);
    fclose(f);
    TB_CHECK(strstr(buf, "\\begin{tabular}{lrr}") != NULL);
    TB_CHECK(strstr(buf, "cortex\\_m4 & \\textit{42.39}\\textsuperscript{\\dag} & - \\\\") != NULL);
    TB_CHECK(strstr(buf, "- & 0.5000 & - \\\\") != NULL);
    TB_CHECK(strstr(buf, "energy [$\\mu$J]") != NULL);
    TB_CHECK(strstr(buf, "\\toprule") && strstr(buf, "\\midrule") && strstr(buf, "\\bottomrule"));
    TB_CHECK(strstr(buf, "estimated by a model") != NULL); /* the legend row */
    free(buf);
    tb_table_free(t);
    return 0;
}

static int test_record_access(void)
{
    cJSON *r = cJSON_Parse(
        "{\"status\":\"ok\",\"latency\":{\"method\":\"estimated (cycle model: x)\","
        "\"ns\":{\"median\":2500000}},\"energy_uJ\":12.5,\"energy_method\":\"measured: RAPL\","
        "\"firmware_memory\":null}");
    double v;
    TB_CHECK(tb_rec_num(r, "latency.ns.median", &v) && v == 2500000);
    TB_CHECK(!tb_rec_num(r, "firmware_memory.flash.total", &v)); /* through a null */
    TB_CHECK(!tb_rec_num(r, "latency.method", &v));              /* mistyped */
    TB_CHECK(tb_rec_str(r, "nosuch.field") == NULL);
    TB_CHECK(tb_rec_latency_estimated(r));
    TB_CHECK(!tb_rec_energy_estimated(r));
    TB_CHECK(tb_rec_latency_ms(r, &v) && fabs(v - 2.5) < 1e-12);
    cJSON_ReplaceItemInObject(r, "status", cJSON_CreateString("timeout"));
    TB_CHECK(!tb_rec_latency_ms(r, &v)); /* only ok records have results */
    cJSON_DeleteItemFromObject(r, "energy_method");
    TB_CHECK(tb_rec_energy_estimated(r)); /* no method: not claimed measured */
    cJSON_Delete(r);
    return 0;
}

static int test_base64_and_csv(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tb_base64_write((const unsigned char *)"foobar", 6, f);
    fputc('|', f);
    tb_base64_write((const unsigned char *)"fooba", 5, f);
    fputc('|', f);
    tb_base64_write((const unsigned char *)"f", 1, f);
    fputc('|', f);
    tb_csv_string(f, "vww:alpha=0.5,res=128");
    fputc('|', f);
    tb_csv_string(f, "say \"hi\"");
    fputc('|', f);
    tb_gp_quote(f, "a\"b\\c");
    fclose(f);
    TB_CHECK(strcmp(buf, "Zm9vYmFy|Zm9vYmE=|Zg==|\"vww:alpha=0.5,res=128\"|\"say \"\"hi\"\"\"|"
                         "\"a\\\"b\\\\c\"") == 0);
    free(buf);
    return 0;
}

int main(void)
{
    TB_RUN(test_format_number);
    TB_RUN(test_table_model);
    TB_RUN(test_latex_marks_and_escapes);
    TB_RUN(test_record_access);
    TB_RUN(test_base64_and_csv);
    return tb_test_summary();
}
