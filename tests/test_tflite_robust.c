/* The TFLite reader on hand-made models: a small valid one imports and
 * runs; each way of breaking it (truncation, wrong identifier, bad offsets,
 * cyclic and out-of-range indices, huge and zero or negative dimensions,
 * mismatched quantisation arrays, unsupported operators, bad versions and
 * buffer indices, biases that could overflow the accumulator) is refused with one clear line, by the library and by
 * `tierbench inspect` with exit code 2. Every aligned word of the file is
 * also overwritten in turn with hostile values: nothing may crash (run
 * under ASan+UBSan with -DTB_SANITIZE=ON). */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prepare.h"
#include "tb_test.h"
#include "tflite_import.h"
#include "tflite_writer.h"

static fbw w;

/* Reads the bytes; returns 1 when refused with a one-line error containing
 * `expect` (NULL: any reason). */
static int refused(const uint8_t *b, size_t n, const char *expect)
{
    char err[1024] = "";
    tb_model *m = tb_tflite_read(b, n, "bad", err, sizeof err);
    if (m) {
        tb_model_free(m);
        return 0;
    }
    if (!err[0] || strchr(err, '\n') || (expect && !strstr(err, expect))) {
        fprintf(stderr, "  unexpected error: '%s' (wanted '%s')\n", err, expect ? expect : "");
        return 0;
    }
    return 1;
}

/* `tierbench inspect` on the bytes exits 2 with one line on stderr. */
static int cli_exit_code(const uint8_t *b, size_t n)
{
    const char *build = getenv("TB_BUILD_DIR");
    if (!build)
        return -1;
    char path[] = "/tmp/tb_tflite_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, b, n) != (ssize_t)n) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s/tierbench' inspect '%s' >/dev/null 2>&1", build, path);
    int rc = system(cmd);
    unlink(path);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int test_valid_model_imports_and_runs(void)
{
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    char err[1024] = "";
    tb_model *m = tb_tflite_read(w.b, n, "tiny", err, sizeof err);
    if (!m)
        fprintf(stderr, "  %s\n", err);
    TB_CHECK(m != NULL);
    if (!m)
        return 0;
    TB_CHECK_EQ_INT(m->graph.n_ops, 3);
    TB_CHECK(m->has_s8);
    TB_CHECK_EQ_INT(m->graph.tensors[m->graph.ops[0].inputs[1]].n_channel_scales, 3);
    TB_CHECK_EQ_INT(tb_graph_macs(&m->graph), 2 * 3 + 3 * 4);
    TB_CHECK(tb_tflite_prepare(m, 7, err, sizeof err) == 0);
    TB_CHECK(m->expected_s8 != NULL && m->expected_f32 != NULL);
    tb_model_free(m);
    TB_CHECK_EQ_INT(cli_exit_code(w.b, n), 0);
    return 0;
}

static int test_truncated(void)
{
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    int all = 1;
    for (uint32_t len = 0; len < n; len++)
        all &= refused(w.b, len, NULL);
    TB_CHECK(all);
    TB_CHECK(refused(w.b, 4, "shorter than a FlatBuffers header"));
    TB_CHECK_EQ_INT(cli_exit_code(w.b, n / 2), 2);
    return 0;
}

static int test_wrong_identifier(void)
{
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    memcpy(w.b + 4, "TFL2", 4);
    TB_CHECK(refused(w.b, n, "wrong file identifier"));
    TB_CHECK_EQ_INT(cli_exit_code(w.b, n), 2);
    return 0;
}

static int test_bad_offsets(void)
{
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    w_u32(&w, 0, 0xfffffff0u); /* root table past the end */
    TB_CHECK(refused(w.b, n, "out of bounds"));
    TB_CHECK_EQ_INT(cli_exit_code(w.b, n), 2);
    tb_tiny_model(&w, &s);
    w_u32(&w, 0, n - 2); /* root table straddling the end */
    TB_CHECK(refused(w.b, n, "out of bounds"));
    return 0;
}

/* Every 4-byte word in turn set to values that break offsets, counts and
 * sizes: each read either succeeds or fails cleanly. */
static int test_every_word_corrupted(void)
{
    static const uint32_t hostile[] = {0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xfffffffcu,
                                       0x00010000u};
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    static uint8_t orig[sizeof w.b];
    memcpy(orig, w.b, n);
    int reads = 0;
    for (uint32_t at = 0; at + 4 <= n; at += 4)
        for (size_t v = 0; v < sizeof hostile / sizeof hostile[0]; v++) {
            memcpy(w.b, orig, n);
            w_u32(&w, at, hostile[v]);
            char err[1024];
            tb_model *m = tb_tflite_read(w.b, n, "corrupt", err, sizeof err);
            if (m && tb_tflite_prepare(m, 1, err, sizeof err) == 0)
                TB_CHECK(m->expected_s8 != NULL);
            tb_model_free(m);
            reads++;
        }
    TB_CHECK(reads > 100);
    return 0;
}

typedef struct {
    const char *what, *expect;
    void (*change)(tiny_spec *s);
} breakage;

static void cyclic(tiny_spec *s) { s->conv_input = 3; } /* the conv reads its own output */
static void later(tiny_spec *s) { s->conv_input = 6; }  /* reads what a later op writes */
static void out_of_range(tiny_spec *s) { s->fc_input = 99; }
static void negative_index(tiny_spec *s) { s->fc_input = -7; }
static void huge_dim(tiny_spec *s) { s->in_shape[1] = 1 << 20; }
static void huge_count(tiny_spec *s) { s->in_shape[0] = 60000; s->in_shape[1] = 60000; }
static void zero_dim(tiny_spec *s) { s->in_shape[3] = 0; }
static void negative_dim(tiny_spec *s) { s->in_shape[2] = -3; }
static void scales_mismatch(tiny_spec *s) { s->n_filter_scales = 2; }
static void unsupported_op(tiny_spec *s) { s->conv_opcode = 18; } /* MUL */
static void unknown_op(tiny_spec *s) { s->conv_opcode = 4000; }
static void bad_buffer(tiny_spec *s) { s->filter_buffer = 77; }
static void empty_buffer(tiny_spec *s) { s->filter_buffer = 0; }
static void old_version(tiny_spec *s) { s->version = 2; }
static void bias_overflow(tiny_spec *s) { s->conv_bias0 = INT32_MAX - 1000; }

static const breakage breakages[] = {
    {"cyclic index", "read before any operator writes it", cyclic},
    {"forward reference", "read before any operator writes it", later},
    {"out-of-range index", "out of range", out_of_range},
    {"negative index", "out of range", negative_index},
    {"huge dimension", "too large", huge_dim},
    {"huge element count", "too large", huge_count},
    {"zero dimension", "zero or negative dimension", zero_dim},
    {"negative dimension", "zero or negative dimension", negative_dim},
    {"quantisation array length", "2 scales for 3 output channels", scales_mismatch},
    {"unsupported operator", "unsupported operator MUL (op 0); the model's operators: MUL, "
                             "FULLY_CONNECTED, SOFTMAX", unsupported_op},
    {"unknown operator", "unsupported operator BUILTIN_4000", unknown_op},
    {"buffer index", "buffer index 77 out of range", bad_buffer},
    {"constant without data", "0 bytes of data", empty_buffer},
    {"schema version", "schema version 2", old_version},
    {"accumulator overflow", "could overflow the int32 accumulator", bias_overflow},
};

static int test_each_breakage_is_refused(void)
{
    for (size_t i = 0; i < sizeof breakages / sizeof breakages[0]; i++) {
        tiny_spec s = tb_tiny_default();
        breakages[i].change(&s);
        uint32_t n = tb_tiny_model(&w, &s);
        int ok = refused(w.b, n, breakages[i].expect);
        if (!ok)
            fprintf(stderr, "  %s: not refused as expected\n", breakages[i].what);
        TB_CHECK(ok);
        TB_CHECK_EQ_INT(cli_exit_code(w.b, n), 2);
    }
    return 0;
}

int main(void)
{
    TB_RUN(test_valid_model_imports_and_runs);
    TB_RUN(test_truncated);
    TB_RUN(test_wrong_identifier);
    TB_RUN(test_bad_offsets);
    TB_RUN(test_every_word_corrupted);
    TB_RUN(test_each_breakage_is_refused);
    return tb_test_summary();
}
