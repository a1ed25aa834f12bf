/* Running a tool (compiler, emulator) as a child process with its output
 * in a log file and a time limit, so a hung emulator cannot hang a run. */
#ifndef TB_PROC_H
#define TB_PROC_H

#include <stddef.h>
#include <sys/types.h>

typedef struct {
    int exit_code;   /* valid when !timed_out && !signaled */
    int signaled;    /* killed by a signal (number in exit_code) */
    int timed_out;
    double seconds;  /* wall time */
} tb_proc_result;

/* Runs argv[0] (searched on PATH) with stdout and stderr appended to
 * log_path and no standard input. Returns 0 when it ran (whatever its exit
 * status), -1 with a reason when it could not be started. */
int tb_proc_run(char *const argv[], const char *log_path, double timeout_s,
                tb_proc_result *res, char *err, size_t err_len);

/* The same with standard input read from in_path (e.g. a file streamed to
 * a remote machine through ssh); NULL means no input. */
int tb_proc_run_input(char *const argv[], const char *in_path, const char *log_path,
                      double timeout_s, tb_proc_result *res, char *err, size_t err_len);

/* In a child just forked from parent: be killed (SIGKILL) when parent dies,
 * or exit now if it already has. */
void tb_proc_die_with_parent(pid_t parent);

/* Seconds on the monotonic clock (for durations). */
double tb_now_s(void);

/* Full path of an executable on PATH into out; 0, or -1 when absent. */
int tb_which(const char *tool, char *out, size_t n);

/* The last non-empty line of a text file (e.g. a compiler's error). */
void tb_last_line(const char *path, char *out, size_t n);

#endif
