/* The parts of the TensorFlow Lite FlatBuffers schema the importer reads:
 * field ids (declaration order; a union takes two ids, its type then its
 * value) and enum values. Taken from tensorflow/lite/schema/schema.fbs,
 * schema version 3 ("TFL3"), as published in tensorflow/tflite-micro at
 * commit 6cdf0d78a68f33fe452f051713aa218619285438. New schema members are
 * only ever appended, so these ids hold for every version-3 file. */
#ifndef TB_TFLITE_SCHEMA_H
#define TB_TFLITE_SCHEMA_H

#include <stdint.h>

#define TB_TFL_IDENTIFIER "TFL3"

enum { TB_TFL_SCHEMA_VERSION = 3 };

/* table Model */
enum { TB_TFL_MODEL_VERSION = 0, TB_TFL_MODEL_OPERATOR_CODES = 1, TB_TFL_MODEL_SUBGRAPHS = 2,
       TB_TFL_MODEL_BUFFERS = 4 };
/* table OperatorCode */
enum { TB_TFL_OPCODE_DEPRECATED_BUILTIN = 0, TB_TFL_OPCODE_CUSTOM = 1, TB_TFL_OPCODE_BUILTIN = 3 };
/* table SubGraph */
enum { TB_TFL_SUBGRAPH_TENSORS = 0, TB_TFL_SUBGRAPH_INPUTS = 1, TB_TFL_SUBGRAPH_OUTPUTS = 2,
       TB_TFL_SUBGRAPH_OPERATORS = 3 };
/* table Tensor */
enum { TB_TFL_TENSOR_SHAPE = 0, TB_TFL_TENSOR_TYPE = 1, TB_TFL_TENSOR_BUFFER = 2,
       TB_TFL_TENSOR_NAME = 3, TB_TFL_TENSOR_QUANTIZATION = 4, TB_TFL_TENSOR_SPARSITY = 6 };
/* table QuantizationParameters */
enum { TB_TFL_QUANT_SCALE = 2, TB_TFL_QUANT_ZERO_POINT = 3, TB_TFL_QUANT_DETAILS_TYPE = 4,
       TB_TFL_QUANT_DIMENSION = 6 };
/* table Buffer */
enum { TB_TFL_BUFFER_DATA = 0, TB_TFL_BUFFER_OFFSET = 1 };
/* table Operator */
enum { TB_TFL_OP_OPCODE_INDEX = 0, TB_TFL_OP_INPUTS = 1, TB_TFL_OP_OUTPUTS = 2,
       TB_TFL_OP_OPTIONS_TYPE = 3, TB_TFL_OP_OPTIONS = 4 };

/* table Conv2DOptions */
enum { TB_TFL_CONV_PADDING = 0, TB_TFL_CONV_STRIDE_W = 1, TB_TFL_CONV_STRIDE_H = 2,
       TB_TFL_CONV_ACTIVATION = 3, TB_TFL_CONV_DILATION_W = 4, TB_TFL_CONV_DILATION_H = 5 };
/* table DepthwiseConv2DOptions */
enum { TB_TFL_DW_PADDING = 0, TB_TFL_DW_STRIDE_W = 1, TB_TFL_DW_STRIDE_H = 2,
       TB_TFL_DW_DEPTH_MULTIPLIER = 3, TB_TFL_DW_ACTIVATION = 4, TB_TFL_DW_DILATION_W = 5,
       TB_TFL_DW_DILATION_H = 6 };
/* table Pool2DOptions */
enum { TB_TFL_POOL_PADDING = 0, TB_TFL_POOL_STRIDE_W = 1, TB_TFL_POOL_STRIDE_H = 2,
       TB_TFL_POOL_FILTER_W = 3, TB_TFL_POOL_FILTER_H = 4, TB_TFL_POOL_ACTIVATION = 5 };
/* table FullyConnectedOptions */
enum { TB_TFL_FC_ACTIVATION = 0, TB_TFL_FC_WEIGHTS_FORMAT = 1, TB_TFL_FC_KEEP_NUM_DIMS = 2 };
/* table SoftmaxOptions */
enum { TB_TFL_SOFTMAX_BETA = 0 };
/* table AddOptions */
enum { TB_TFL_ADD_ACTIVATION = 0 };

/* union BuiltinOptions: the type tag of each options table we read. */
enum { TB_TFL_OPTIONS_NONE = 0, TB_TFL_OPTIONS_CONV2D = 1, TB_TFL_OPTIONS_DEPTHWISE = 2,
       TB_TFL_OPTIONS_POOL2D = 5, TB_TFL_OPTIONS_FULLY_CONNECTED = 8, TB_TFL_OPTIONS_SOFTMAX = 9,
       TB_TFL_OPTIONS_ADD = 11, TB_TFL_OPTIONS_RESHAPE = 17 };

/* enum TensorType */
enum { TB_TFL_FLOAT32 = 0, TB_TFL_INT32 = 2, TB_TFL_INT8 = 9, TB_TFL_TENSOR_TYPE_COUNT = 18 };
/* enum Padding */
enum { TB_TFL_PAD_SAME = 0, TB_TFL_PAD_VALID = 1 };
/* enum ActivationFunctionType */
enum { TB_TFL_ACT_NONE = 0, TB_TFL_ACT_RELU = 1, TB_TFL_ACT_RELU_N1_TO_1 = 2,
       TB_TFL_ACT_RELU6 = 3 };

/* enum BuiltinOperator: the operators we map. Codes at or above
 * PLACEHOLDER_FOR_GREATER_OP_CODES live only in OperatorCode.builtin_code. */
enum { TB_TFL_ADD = 0, TB_TFL_AVERAGE_POOL_2D = 1, TB_TFL_CONV_2D = 3,
       TB_TFL_DEPTHWISE_CONV_2D = 4, TB_TFL_FULLY_CONNECTED = 9, TB_TFL_MAX_POOL_2D = 17,
       TB_TFL_RESHAPE = 22, TB_TFL_SOFTMAX = 25, TB_TFL_CUSTOM = 32,
       TB_TFL_PLACEHOLDER_FOR_GREATER_OP_CODES = 127 };

/* The schema's name of a BuiltinOperator, or NULL when unknown here. */
const char *tb_tfl_builtin_name(int32_t code);
/* The schema's name of a TensorType, or "UNKNOWN". */
const char *tb_tfl_type_name(int32_t type);

#endif
