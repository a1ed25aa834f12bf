/* tierbench status RUN_DIR: how far a run has come, local or on Slurm. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "slurm.h"

static void help(void)
{
    printf("usage: tierbench status RUN_DIR\n\n"
           "Cells of the run's plan.json: done (by status), and for a run submitted with\n"
           "run --slurm, running and pending as the Slurm queue has them (RUN_DIR/slurm/\n"
           "jobs.json names the jobs). A local run shows its records only.\n\n"
           "Exit status: 0, or 2 when RUN_DIR is not a run folder.\n");
}

int tb_cmd_status(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help();
        return TB_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-')
        return tb_usage_error("status: expected one run folder (see tierbench status --help)");
    char err[1024];
    tb_run_progress p;
    if (tb_run_progress_read(argv[1], &p, err, sizeof err) != 0)
        return tb_usage_error("%s", err);
    printf("run %s: %d cells, %d done (", p.run_id, p.total, p.done);
    for (int k = 0; k <= TB_STATUS_TIMEOUT; k++)
        printf("%s%d %s", k ? ", " : "", p.by_status[k], tb_status_name((tb_cell_status)k));
    printf(")\n");
    if (p.queue_error[0])
        printf("queue:   unknown: %s\n", p.queue_error);
    else if (p.submitted) {
        printf("slurm:   %d running, %d pending", p.running, p.pending);
        if (p.waiting)
            printf(", %d not queued (their tasks ended without a record: see %s/slurm/logs; "
                   "finish with tierbench run --resume %s)",
                   p.waiting, argv[1], argv[1]);
        printf("\n");
        printf("merge:   job %s %s\n", p.merge_job,
               p.merge_state[0] ? p.merge_state : "has left the queue");
    } else if (p.waiting)
        printf("to do:   %d cells without a record (finish with tierbench run --resume %s)\n",
               p.waiting, argv[1]);
    printf("merged:  %d of %d records in %s/records.jsonl\n", p.merged, p.total, argv[1]);
    return TB_EXIT_OK;
}
