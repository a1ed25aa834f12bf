/* The ssh target: a real board measured for real. The model's native cell
 * program (targets/native) is built for the remote's architecture, copied
 * into a fresh folder there, run natively with the cell's repetitions, and
 * its report becomes the record; the folder is removed whatever happened.
 * Targets are made per destination by the family's make(): "ssh:pi@pi4"
 * names one. docs/remote.md is the user's guide. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "cell_program.h"
#include "cell_report.h"
#include "edge_cycle_model.h"
#include "output_check.h"
#include "proc.h"
#include "ssh_remote.h"
#include "store.h"
#include "target.h"

/* The run step's deadline: generous for a slow board (a Pi 3 runs ic in
 * tens of ms), plus the repetitions' own minimum time. The remote's
 * `timeout` enforces it there, so a cut connection leaves no process. */
#define TB_SSH_RUN_BASE_S 300

typedef struct {
    tb_target_ops ops;
    tb_ssh_dest dest;
    tb_ssh_conn conn;
    char name[sizeof "ssh:" + 400];
} ssh_target;

/* The compiler whose output runs on arch: this machine's cc for its own
 * architecture, else Debian's cross gcc. 0, or -1 with why in reason. */
static int compiler_for(const tb_ssh_arch *arch, char *out, size_t n, char *reason, size_t len)
{
    struct utsname u;
    char path[TB_PATH_MAX];
    const int native = uname(&u) == 0 && strcmp(u.machine, arch->name) == 0;
    snprintf(out, n, "%s", native ? "cc" : arch->cross_gcc);
    if (tb_which(out, path, sizeof path) == 0)
        return 0;
    snprintf(reason, len, "%s not found: it builds the %s cell program (scripts/setup.sh "
             "installs %s)", out, arch->name, native ? "build-essential" : arch->package);
    return -1;
}

static int ssh_available(const tb_target_ops *self, char *reason, size_t len)
{
    const ssh_target *t = self->data;
    char path[TB_PATH_MAX];
    if (tb_which("ssh", path, sizeof path) != 0) {
        snprintf(reason, len, "ssh not found (scripts/setup.sh installs openssh-client)");
        return -1;
    }
    char cc[64];
    return t && t->dest.arch[0]
               ? compiler_for(tb_ssh_arch_find(t->dest.arch), cc, sizeof cc, reason, len)
               : 0;
}

static void set_failure(tb_record *rec, tb_ssh_status s, const char *why)
{
    tb_record_status(rec, s == TB_SSH_TIMEOUT ? TB_STATUS_TIMEOUT : TB_STATUS_FAILED, "%s", why);
}

static void fill_latency(const tb_cell *cell, const tb_cell_report *rep, tb_record *rec)
{
    const tb_remote *who = &rec->remote;
    tb_record_latency(rec, rep->n_samples, cell->warmup);
    rec->iterations_per_rep = rep->iterations;
    const char *where = who->hostname[0] ? who->hostname : who->host;
    snprintf(rec->latency_method, sizeof rec->latency_method,
             "measured on %.64s (%.16s) via ssh, clock_gettime", where, who->arch);
}

/* Reads the run's report into rec: output check, latency, peak RSS. */
/* The measured latency times the active power of the edge board the user
 * names with --board (the first that is an edge board profile); without
 * one there is no energy figure, and the record says how to get one. */
static void board_energy(const tb_cell *cell, tb_record *rec)
{
    char err[512];
    tb_edge_board b;
    for (int i = 0; cell->boards && cell->boards[i]; i++)
        if (tb_edge_board_find(cell->boards[i], &b, err, sizeof err) == 0) {
            tb_edge_energy_fill(rec, &b, rec->latency_ns.median, "measured on the board");
            return;
        }
    snprintf(rec->energy_method, sizeof rec->energy_method,
             "none: name the board's power profile with --board (e.g. rpi4b; "
             "targets/edge/boards/) for measured latency x active power");
}

static void read_report(const tb_cell *cell, const tb_model *m, const char *log,
                        tb_record *rec)
{
    const tb_graph *g = &m->graph;
    tb_cell_report rep = {.n_output = tb_dims_count(&g->tensors[g->output].shape),
                          .samples_ns = rec->samples_ns, .max_samples = TB_MAX_REPS};
    rep.output = calloc((size_t)rep.n_output, 1);
    if (!rep.output)
        abort();
    tb_cell_report_parse(log, &rep);
    if (rep.status != 0 || rep.got_output != rep.n_output) {
        tb_record_status(rec, TB_STATUS_FAILED, "the cell program reported status %ld and %lld "
                         "of %lld output bytes (see %s)", rep.status, (long long)rep.got_output,
                         (long long)rep.n_output, log);
        goto out;
    }
    tb_check_output(m, TB_DTYPE_INT8, rep.output, rec);
    if (rep.peak_rss_bytes >= 0)
        rec->peak_rss_bytes = rep.peak_rss_bytes;
    else
        snprintf(rec->rss_reason, sizeof rec->rss_reason,
                 "the remote reported no VmHWM in /proc/self/status");
    if (rep.n_samples != cell->repetitions || rep.iterations < 1) {
        tb_record_status(rec, TB_STATUS_FAILED, "the cell program reported %d of %d samples "
                         "(see %s)", rep.n_samples, cell->repetitions, log);
        goto out;
    }
    fill_latency(cell, &rep, rec);
    if (!rec->output_match)
        tb_record_status(rec, TB_STATUS_FAILED, "output differs from the host reference");
    else
        rec->status = TB_STATUS_OK;
    if (rec->status == TB_STATUS_OK)
        board_energy(cell, rec);
out:
    free(rep.output);
}

/* Builds, copies and runs the program in the remote folder dir. */
static void build_copy_run(const ssh_target *t, const tb_cell *cell, const tb_model *m,
                           const char *dir, tb_record *rec)
{
    char err[2048], compiler[64], remote_exe[1100], cmd[1400], log[TB_PATH_MAX];
    const tb_ssh_arch *arch = tb_ssh_arch_find(rec->remote.arch);
    if (!arch) {
        tb_record_status(rec, TB_STATUS_SKIPPED, "%s runs %s (uname -m); tierbench builds for %s "
                         "(a 64-bit Arm OS reports aarch64)", t->conn.login, rec->remote.arch,
                         TB_SSH_ARCHES);
        return;
    }
    if (compiler_for(arch, compiler, sizeof compiler, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_SKIPPED, "%s", err);
        return;
    }
    tb_program_build build;
    if (tb_cell_program_build(compiler, NULL, m, cell->work_dir, &build, err, sizeof err)) {
        tb_record_status(rec, TB_STATUS_FAILED, "%s", err);
        return;
    }
    snprintf(remote_exe, sizeof remote_exe, "%s/cell", dir);
    tb_ssh_status s = tb_ssh_put_exec(&t->conn, cell->work_dir, build.exe, remote_exe, err,
                                      sizeof err);
    if (s != TB_SSH_OK) {
        set_failure(rec, s, err);
        return;
    }
    const int limit_s = TB_SSH_RUN_BASE_S + (int)(3 * cell->repetitions * cell->min_time_s);
    snprintf(cmd, sizeof cmd, "timeout %d %s --reps %d --warmup %d --min-time %.9g", limit_s,
             remote_exe, cell->repetitions, cell->warmup, cell->min_time_s);
    s = tb_ssh_exec(&t->conn, cell->work_dir, "run", cmd, NULL, limit_s + 30, err, sizeof err);
    tb_ssh_log_path(cell->work_dir, "run", log, sizeof log);
    if (s != TB_SSH_OK) {
        set_failure(rec, s, err);
        return;
    }
    read_report(cell, m, log, rec);
}

static void ssh_run(const tb_target_ops *self, const tb_cell *cell, const tb_model *m,
                    tb_record *rec)
{
    const ssh_target *t = self->data;
    char err[2048], dir[512];
    snprintf(rec->backend, sizeof rec->backend, "%s", tb_kernel_choice_name(&tb_cell_kernels));
    /* The cell program times whole inferences and reads no PMU. */
    for (int32_t i = 0; i < rec->n_layers; i++)
        rec->layers[i].median_ns = -1;
    snprintf(rec->counters.reason, sizeof rec->counters.reason,
             "not read on a remote board (the ssh target times whole inferences only)");
    if (tb_mkdir_p(cell->work_dir) != 0) {
        tb_record_status(rec, TB_STATUS_FAILED, "cannot create %s", cell->work_dir);
        return;
    }
    tb_ssh_status s = tb_ssh_probe(&t->conn, cell->work_dir, &rec->remote, dir, sizeof dir, err,
                                   sizeof err);
    if (s != TB_SSH_OK) {
        set_failure(rec, s, err);
        return;
    }
    rec->have_remote = 1;
    snprintf(rec->remote.arch, sizeof rec->remote.arch, "%s",
             t->dest.arch[0] ? t->dest.arch : rec->remote.machine);
    /* Another architecture's build could only run emulated there, and an
     * emulated time is not a measurement of the board. */
    if (strcmp(rec->remote.arch, rec->remote.machine) != 0)
        tb_record_status(rec, TB_STATUS_FAILED, "%s runs %s (uname -m), not the %s the target "
                         "names", t->conn.login, rec->remote.machine, rec->remote.arch);
    else
        build_copy_run(t, cell, m, dir, rec);
    s = tb_ssh_cleanup(&t->conn, cell->work_dir, dir, err, sizeof err);
    if (s != TB_SSH_OK && rec->status == TB_STATUS_OK)
        tb_record_status(rec, TB_STATUS_FAILED, "the cell ran, but %s", err);
}

/* What `list targets` shows for the family; members copy it. */
static const tb_target_ops ssh_proto = {
    .name = TB_SSH_FORM,
    .tier = "edge",
    .description = "a remote Linux board over ssh: the cell program built for its arch "
                   "(" TB_SSH_ARCHES "), run natively there (measured)",
    .measured = 1,
    .dtypes = 1u << TB_DTYPE_INT8,
    .available = ssh_available,
    .run = ssh_run,
};

static tb_target_ops *ssh_make(const tb_target_family *self, const char *params, char *err,
                               size_t len)
{
    (void)self;
    ssh_target *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    if (tb_ssh_dest_parse(params, &t->dest, err, len) ||
        tb_ssh_conn_init(&t->conn, &t->dest, err, len)) {
        free(t);
        return NULL;
    }
    snprintf(t->name, sizeof t->name, "ssh:%s", params);
    t->ops = ssh_proto;
    t->ops.name = t->name;
    t->ops.data = t;
    return &t->ops;
}

const tb_target_family tb_target_family_ssh = {
    .prefix = "ssh",
    .proto = &ssh_proto,
    .help = "e.g. -t ssh:pi@raspberrypi.local:aarch64; ssh options (port, key, known_hosts) "
            "in TB_SSH_OPTS or ~/.ssh/config; see docs/remote.md",
    .make = ssh_make,
};
