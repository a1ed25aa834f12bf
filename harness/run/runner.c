/* The cell scheduler. The parent builds each workload's model once (when
 * its first cell starts) and forks one worker process per cell, which
 * inherits the model, runs the cell and writes the cell's record; the
 * parent enforces the time limit, merges, and keeps the progress line.
 * Workers are in process groups of their own: a terminal's Ctrl-C reaches
 * only the parent, which stops them, and a timeout kills a worker's group
 * (its tools die with it, harness/util/proc.c). */
#include "runner.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "plan.h"
#include "proc.h"
#include "progress.h"
#include "quant_impact.h"
#include "record_json.h"

static void fill_identity(const tb_run_plan *p, const tb_run_cell *c, tb_record *r)
{
    const tb_workload_choice *w = &p->workloads[c->workload];
    snprintf(r->run_id, sizeof r->run_id, "%s", p->run_id);
    snprintf(r->cell_id, sizeof r->cell_id, "%s", c->id);
    snprintf(r->workload, sizeof r->workload, "%s", w->spec);
    snprintf(r->target, sizeof r->target, "%s", c->target->name);
    snprintf(r->tier, sizeof r->tier, "%s", c->target->tier);
    snprintf(r->dtype, sizeof r->dtype, "%s", tb_dtype_name(c->dtype));
    snprintf(r->backend, sizeof r->backend, "-");
    if (w->model_file[0]) {
        snprintf(r->model_file, sizeof r->model_file, "%s", w->model_file);
        snprintf(r->model_fnv1a64, sizeof r->model_fnv1a64, "%016llx",
                 (unsigned long long)w->model_fnv1a64);
    }
}

static void fill_model(const tb_model *m, tb_dtype d, tb_record *r)
{
    const tb_graph *g = &m->graph;
    r->macs = tb_graph_macs(g);
    r->params = tb_graph_params(g);
    r->weight_bytes = tb_graph_weight_bytes(g);
    r->flops = tb_graph_flops(g);
    r->bytes_moved = tb_graph_bytes(g, d);
    r->n_ops = g->n_ops;
    r->arena_bytes = d == TB_DTYPE_INT8 ? m->plan_s8.arena_bytes : m->plan_f32.arena_bytes;
    r->arena_naive_bytes = tb_plan_naive_bytes(g, d);
    r->n_layers = g->n_ops;
    r->layers = calloc((size_t)g->n_ops, sizeof *r->layers);
    if (!r->layers)
        abort();
    for (int32_t i = 0; i < g->n_ops; i++) {
        const tb_op *op = &g->ops[i];
        const tb_dims *s = &g->tensors[op->output].shape;
        tb_layer_record *l = &r->layers[i];
        l->op = tb_op_name(op->type);
        snprintf(l->output_shape, sizeof l->output_shape, "%dx%dx%dx%d", (int)s->n, (int)s->h,
                 (int)s->w, (int)s->c);
        l->macs = tb_op_macs(g, op);
        l->params = tb_op_params(g, op);
        l->instructions = l->cycles = -1;
    }
}

/* The reference input plus 15 generated ones: top-1 agreement in steps of
 * 1/16, cheap next to the cells themselves. */
enum { TB_QUANT_IMPACT_INPUTS = 16 };

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

/* Only to wake the parent's sleep when a worker ends. */
static void on_child(int sig)
{
    (void)sig;
}

typedef struct {
    pid_t pid;
    int cell;
    double t0_s, limit_s;
} worker;

typedef struct {
    const tb_run_plan *p;
    const tb_run_cell *cells;
    int n_cells;
    const tb_store *store;
    const tb_run_options *opt;
    tb_run_totals *totals;
    tb_progress progress;
    /* per workload: the model while cells of it remain to run */
    tb_model **built;
    int *is_built, *cells_left, *have_qi;
    tb_quant_impact *qi;
    char (*build_err)[256];
    cJSON **records; /* per cell: its record, or NULL */
    worker *running;
    int n_running;
    int failed_write;
    char *err;
    size_t err_len;
} run_state;

static const tb_model *model_of(run_state *s, int wi)
{
    const tb_workload_choice *w = &s->p->workloads[wi];
    if (!s->is_built[wi]) {
        s->is_built[wi] = 1;
        s->built[wi] = w->model ? NULL
                                : tb_workload_build(w->workload, &w->params, s->build_err[wi],
                                                    sizeof s->build_err[wi]);
        const tb_model *m = w->model ? w->model : s->built[wi];
        s->have_qi[wi] =
            m && tb_quant_impact_measure(m, TB_QUANT_IMPACT_INPUTS, 0x51A7u, &s->qi[wi]) == 0;
    }
    return w->model ? w->model : s->built[wi];
}

static int ran_alone(const run_state *s, const tb_run_cell *c)
{
    return c->target->measured || s->opt->jobs == 1;
}

/* In the worker: run the cell, store its record, exit. */
static __attribute__((noreturn)) void work(run_state *s, const tb_run_cell *c, const tb_model *m,
                                           pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    tb_proc_die_with_parent(parent);
    tb_record *r = malloc(sizeof *r);
    if (!r)
        abort();
    tb_record_init(r);
    fill_identity(s->p, c, r);
    r->ran_alone = ran_alone(s, c);
    char why[200], dir[4200], err[512];
    if (!tb_target_usable(c->target, why, sizeof why)) {
        tb_record_status(r, TB_STATUS_SKIPPED, "%s", why);
    } else {
        tb_store_cell_dir(s->store, c->id, dir, sizeof dir);
        fill_model(m, c->dtype, r);
        r->have_quant_impact = s->have_qi[c->workload];
        if (r->have_quant_impact)
            r->quant_impact = s->qi[c->workload];
        tb_cell cell = {s->p->workloads[c->workload].spec, dir, c->dtype, s->p->repetitions,
                        s->p->warmup, s->p->min_time_s, s->p->boards, s->p->threads,
                        tb_store_dir(s->store)};
        c->target->run(c->target, &cell, m, r);
    }
    const int rc = tb_store_write_cell(s->store, r, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "tierbench: %s\n", err);
    fflush(NULL);
    _exit(rc == 0 ? 0 : 3);
}

/* The last line of the cell's most recent log (an emulator's last words
 * before a hang: a fault report, a lock-up), or empty. */
static void last_log_line(const run_state *s, const tb_run_cell *c, char *out, size_t n)
{
    char dir[4200], path[4500], best[4500] = "";
    time_t best_t = 0;
    out[0] = 0;
    tb_store_cell_dir(s->store, c->id, dir, sizeof dir);
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    while (d && (e = readdir(d))) {
        const size_t len = strlen(e->d_name);
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".log") == 0 && stat(path, &st) == 0 &&
            st.st_mtime >= best_t) {
            best_t = st.st_mtime;
            snprintf(best, sizeof best, "%s", path);
        }
    }
    if (d)
        closedir(d);
    if (best[0])
        tb_last_line(best, out, n);
}

/* A record the parent writes for a cell whose worker left none. */
static int write_parent_record(run_state *s, const tb_run_cell *c, const tb_model *m,
                               tb_cell_status status, const char *reason)
{
    tb_record *r = malloc(sizeof *r);
    if (!r)
        abort();
    tb_record_init(r);
    fill_identity(s->p, c, r);
    r->ran_alone = ran_alone(s, c);
    if (m)
        fill_model(m, c->dtype, r);
    tb_record_status(r, status, "%s", reason);
    const int rc = tb_store_write_cell(s->store, r, s->err, s->err_len);
    tb_record_free(r);
    free(r);
    return rc;
}

static int write_merged(run_state *s)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < s->n_cells; i++)
        if (s->records[i])
            cJSON_AddItemReferenceToArray(a, s->records[i]);
    const int rc = tb_store_write_records(s->store, a, s->err, s->err_len);
    cJSON_Delete(a);
    return rc;
}

static void count(tb_run_totals *t, const char *status)
{
    t->total++;
    switch (tb_status_parse(status)) {
    case TB_STATUS_OK: t->ok++; break;
    case TB_STATUS_SKIPPED: t->skipped++; break;
    case TB_STATUS_TIMEOUT: t->timeout++; break;
    case TB_STATUS_DOES_NOT_FIT: t->does_not_fit++; break;
    case TB_STATUS_FAILED: t->failed++; break;
    }
}

/* A cell ended (worker exited, was killed at its limit, or never forked):
 * take its record, count it, release its model when it was the last. */
static void finish(run_state *s, int ci, double seconds, int wstatus, int timed_out,
                   double limit_s)
{
    const tb_run_cell *c = &s->cells[ci];
    const tb_model *m = model_of(s, c->workload);
    cJSON *rec = tb_store_read_cell(s->store, c->id);
    if (!rec && !(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 3)) {
        char reason[512], last[200];
        if (timed_out) {
            last_log_line(s, c, last, sizeof last);
            snprintf(reason, sizeof reason, "cell exceeded its time limit of %g s%s%s", limit_s,
                     last[0] ? "; last output: " : "", last);
        } else if (WIFSIGNALED(wstatus)) {
            snprintf(reason, sizeof reason, "cell worker killed by signal %d (%s)",
                     WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
        } else {
            snprintf(reason, sizeof reason, "cell worker exited with status %d and no record",
                     WEXITSTATUS(wstatus));
        }
        if (write_parent_record(s, c, m, timed_out ? TB_STATUS_TIMEOUT : TB_STATUS_FAILED,
                                reason) == 0)
            rec = tb_store_read_cell(s->store, c->id);
    }
    if (!rec) {
        if (!s->failed_write)
            snprintf(s->err, s->err_len, "cannot write the record of %s in %s", c->id,
                     tb_store_dir(s->store));
        s->failed_write = 1;
        return;
    }
    s->records[ci] = rec;
    count(s->totals, cJSON_GetStringValue(cJSON_GetObjectItem(rec, "status")));
    tb_progress_finished(&s->progress, c->id, rec, seconds, c->estimate_s);
    if (--s->cells_left[c->workload] == 0) {
        tb_model_free(s->built[c->workload]);
        s->built[c->workload] = NULL;
    }
    if (s->opt->merge && write_merged(s) != 0)
        s->failed_write = 1;
}

static void start(run_state *s, int ci)
{
    const tb_run_cell *c = &s->cells[ci];
    const tb_model *m = model_of(s, c->workload);
    tb_progress_started(&s->progress, c->id);
    if (!m) {
        const double t0 = tb_now_s();
        if (write_parent_record(s, c, NULL, TB_STATUS_FAILED, s->build_err[c->workload]) != 0)
            s->failed_write = 1;
        else
            finish(s, ci, tb_now_s() - t0, 0, 0, 0);
        return;
    }
    fflush(NULL);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        char reason[200];
        snprintf(reason, sizeof reason, "cannot start a cell worker: %s", strerror(errno));
        if (write_parent_record(s, c, m, TB_STATUS_FAILED, reason) != 0)
            s->failed_write = 1;
        else
            finish(s, ci, 0, 0, 0, 0);
        return;
    }
    if (pid == 0) {
        setpgid(0, 0);
        work(s, c, m, parent);
    }
    setpgid(pid, pid); /* also here, so the group exists before any kill */
    const double limit = s->p->cell_timeout_s > 0 ? s->p->cell_timeout_s
                                                  : tb_cell_timeout_default(s->p, c);
    s->running[s->n_running++] = (worker){pid, ci, tb_now_s(), limit};
}

static void kill_worker(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

static void remove_running(run_state *s, int k)
{
    s->running[k] = s->running[--s->n_running];
}

/* Reaps ended workers and kills those past their limit. */
static void reap(run_state *s)
{
    for (int k = 0; k < s->n_running;) {
        worker w = s->running[k];
        int st = 0;
        const double now = tb_now_s();
        pid_t got = waitpid(w.pid, &st, WNOHANG);
        int timed_out = 0;
        if (got == 0 && now - w.t0_s > w.limit_s) {
            kill_worker(w.pid);
            while (waitpid(w.pid, &st, 0) < 0 && errno == EINTR)
                ;
            timed_out = 1;
            got = w.pid;
        }
        if (got != w.pid) {
            k++;
            continue;
        }
        remove_running(s, k);
        finish(s, w.cell, now - w.t0_s, st, timed_out, w.limit_s);
    }
}

static int any_measured_running(const run_state *s)
{
    for (int k = 0; k < s->n_running; k++)
        if (s->cells[s->running[k].cell].target->measured)
            return 1;
    return 0;
}

static void schedule(run_state *s, const int *todo, int n_todo)
{
    int next = 0;
    while (!stop_signal && !s->failed_write) {
        reap(s);
        while (next < n_todo && !stop_signal && !s->failed_write) {
            const int measured = s->cells[todo[next]].target->measured;
            if (any_measured_running(s) || (measured && s->n_running > 0) ||
                s->n_running >= s->opt->jobs)
                break;
            start(s, todo[next++]);
        }
        if (next == n_todo && s->n_running == 0)
            break;
        tb_progress_tick(&s->progress, s->n_running);
        /* A measured cell times on this machine's cores: the parent wakes
         * once a second then (for its time limit), not 50 times; an ended
         * worker's SIGCHLD cuts any nap short. */
        const struct timespec nap = any_measured_running(s) ? (struct timespec){1, 0}
                                                            : (struct timespec){0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    /* Interrupted (or a record could not be written): the cells in flight
     * are stopped and left without a record, to be resumed. */
    while (s->n_running > 0) {
        kill_worker(s->running[0].pid);
        while (waitpid(s->running[0].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        remove_running(s, 0);
    }
}

static void state_free(run_state *s)
{
    for (int i = 0; i < s->p->n_workloads; i++)
        tb_model_free(s->built[i]);
    for (int i = 0; i < s->n_cells; i++)
        cJSON_Delete(s->records[i]);
    free(s->built);
    free(s->is_built);
    free(s->cells_left);
    free(s->have_qi);
    free(s->qi);
    free(s->build_err);
    free(s->records);
    free(s->running);
}

int tb_run_cells(const tb_run_plan *p, const tb_run_cell *cells, int n_cells,
                 const tb_store *store, const tb_run_options *opt, tb_run_totals *totals,
                 cJSON **merged, char *err, size_t err_len)
{
    const size_t nw = (size_t)p->n_workloads + 1, nc = (size_t)n_cells + 1;
    run_state s = {.p = p, .cells = cells, .n_cells = n_cells, .store = store, .opt = opt,
                   .totals = totals, .err = err, .err_len = err_len};
    s.built = calloc(nw, sizeof *s.built);
    s.is_built = calloc(nw, sizeof *s.is_built);
    s.cells_left = calloc(nw, sizeof *s.cells_left);
    s.have_qi = calloc(nw, sizeof *s.have_qi);
    s.qi = calloc(nw, sizeof *s.qi);
    s.build_err = calloc(nw, sizeof *s.build_err);
    s.records = calloc(nc, sizeof *s.records);
    s.running = calloc((size_t)opt->jobs + 1, sizeof *s.running);
    int *todo = calloc(nc, sizeof *todo);
    if (!s.built || !s.is_built || !s.cells_left || !s.have_qi || !s.qi || !s.build_err ||
        !s.records || !s.running || !todo)
        abort();
    memset(totals, 0, sizeof *totals);
    int n_todo = 0;
    double estimate = 0;
    for (int i = 0; i < n_cells; i++) {
        s.records[i] = tb_store_read_cell(store, cells[i].id);
        if (opt->selected && !opt->selected[i])
            continue;
        if (s.records[i]) {
            totals->already_done++;
            continue;
        }
        todo[n_todo++] = i;
        s.cells_left[cells[i].workload]++;
        estimate += cells[i].estimate_s;
    }
    tb_progress_init(&s.progress, n_todo, opt->jobs, estimate);

    /* SA_RESTART keeps the parent's own reads and writes whole; the nap in
     * schedule() is cut short either way, so an ended worker or Ctrl-C is
     * seen at once. */
    struct sigaction act = {.sa_handler = on_stop, .sa_flags = SA_RESTART},
                     chld = {.sa_handler = on_child, .sa_flags = SA_RESTART}, old_int, old_term,
                     old_chld;
    sigemptyset(&act.sa_mask);
    sigemptyset(&chld.sa_mask);
    stop_signal = 0;
    sigaction(SIGINT, &act, &old_int);
    sigaction(SIGTERM, &act, &old_term);
    sigaction(SIGCHLD, &chld, &old_chld);
    schedule(&s, todo, n_todo);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGCHLD, &old_chld, NULL);
    tb_progress_end(&s.progress);

    totals->interrupted = stop_signal;
    totals->not_run = n_todo - totals->total;
    int rc = s.failed_write ? -1 : 0;
    if (rc == 0 && opt->merge && write_merged(&s) != 0)
        rc = -1;
    if (merged) {
        *merged = cJSON_CreateArray();
        for (int i = 0; i < n_cells; i++)
            if (s.records[i])
                cJSON_AddItemToArray(*merged, cJSON_Duplicate(s.records[i], 1));
    }
    free(todo);
    state_free(&s);
    return rc;
}
