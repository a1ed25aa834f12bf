/* libFuzzer target for the TFLite reader and the inspect path: any byte
 * string goes through tb_tflite_read and, when it imports, the inspect
 * report (layers, quantisation, totals, arena plans); small models (at most
 * 2^20 MACs) are also prepared, which runs the int8 parameter derivation
 * and the reference kernels on whatever the reader accepted. Nothing may
 * read out of bounds, overflow or crash (docs/import.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "prepare.h"
#include "tflite_import.h"
#include "tflite_inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    char err[1024];
    tb_model *m = tb_tflite_read(data, size, "fuzz", err, sizeof err);
    if (m && sink)
        tb_inspect_print(sink, m);
    if (m && tb_graph_macs(&m->graph) <= (1 << 20))
        tb_tflite_prepare(m, 1, err, sizeof err);
    tb_model_free(m);
    return 0;
}
