/* `tierbench inspect`: a model's layers (operator, output shape,
 * parameters, MACs, options), its tensors' quantisation, totals and the
 * arenas the planner gives it, as plain text. */
#ifndef TB_TFLITE_INSPECT_H
#define TB_TFLITE_INSPECT_H

#include <stdio.h>

#include "model.h"

/* m as tb_tflite_read returns it (plans filled; nothing run). */
void tb_inspect_print(FILE *out, const tb_model *m);

#endif
