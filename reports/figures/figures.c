/* The registry of report figures, in the order the report shows them. */
#include "figure.h"

extern const tb_figure tb_figure_latency, tb_figure_energy, tb_figure_memory,
    tb_figure_layers, tb_figure_scaling_latency, tb_figure_scaling_energy,
    tb_figure_roofline, tb_figure_pareto, tb_figure_split;

const tb_figure *const tb_figures[] = {
    &tb_figure_latency,         &tb_figure_energy,         &tb_figure_memory,
    &tb_figure_layers,          &tb_figure_scaling_latency, &tb_figure_scaling_energy,
    &tb_figure_roofline,        &tb_figure_pareto,         &tb_figure_split,
    NULL,
};
