/* Writes the hand-made seeds of the fuzz corpus into a folder: the tiny
 * test model of tests/tflite_writer.h, each of its breakages, and
 * truncations of it, so the fuzzer starts from valid structure and from
 * each error path. usage: make_seeds DIR */
#include <stdio.h>

#include "tflite_writer.h"

static fbw w;

static int save(const char *dir, const char *name, uint32_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(w.b, 1, n, f) != n;
    if (f)
        bad |= fclose(f) != 0;
    if (bad)
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds DIR\n");
        return 2;
    }
    int bad = 0;
    tiny_spec s = tb_tiny_default();
    uint32_t n = tb_tiny_model(&w, &s);
    bad |= save(argv[1], "tiny.tflite", n);
    bad |= save(argv[1], "tiny_half.tflite", n / 2);
    bad |= save(argv[1], "tiny_header.tflite", 8);
    struct {
        const char *name;
        tiny_spec s;
    } v[6];
    for (int i = 0; i < 6; i++)
        v[i].s = tb_tiny_default();
    v[0].name = "cyclic.tflite", v[0].s.conv_input = 3;
    v[1].name = "out_of_range.tflite", v[1].s.fc_input = 99;
    v[2].name = "zero_dim.tflite", v[2].s.in_shape[3] = 0;
    v[3].name = "scales_mismatch.tflite", v[3].s.n_filter_scales = 2;
    v[4].name = "unsupported_op.tflite", v[4].s.conv_opcode = 18;
    v[5].name = "bad_buffer.tflite", v[5].s.filter_buffer = 77;
    for (int i = 0; i < 6; i++)
        bad |= save(argv[1], v[i].name, tb_tiny_model(&w, &v[i].s));
    n = tb_tiny_model(&w, &s);
    memcpy(w.b + 4, "TFL2", 4);
    bad |= save(argv[1], "wrong_identifier.tflite", n);
    return bad;
}
