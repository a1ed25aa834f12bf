/* libFuzzer target for the TFLite reader and the inspect path: any byte
 * string goes through tb_tflite_read and, when it imports, the inspect
 * report (layers, quantisation, totals, arena plans). The reader must
 * never read out of bounds, overflow or crash (docs/import.md). */
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
    tb_model_free(m);
    return 0;
}
