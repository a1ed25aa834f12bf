/* libtbcount.so: a QEMU 7.2 TCG plugin that counts every executed
 * instruction by cost class, in total and per region between calls to the
 * program's tb_region_begin/tb_region_end markers. The guest decides the
 * decoder: Thumb for qemu-system-arm (Cortex-M, thumb_classify.h), A64 for
 * qemu-aarch64 or qemu-system-aarch64 (Cortex-A, a64_classify.h).
 *
 * Usage: -plugin ./libtbcount.so,begin=0xADDR,end=0xADDR,out=PATH
 *
 * How the counting works
 *
 * - At translation time each translation block (TB) gets a record holding
 *   its class vector (instructions of each class, registers moved by Thumb
 *   LDM/STM)
 *   and one inline "add 1" on the record's execution counter, so QEMU keeps
 *   running generated code without calling us per instruction. Totals are
 *   sum over records of executions x vector; a TB translated again gets a new
 *   record, and all records are summed.
 * - Conditional branches (Bcc, CBZ, CBNZ; A64 also TBZ, TBNZ) end their
 *   TB, so their direction is
 *   the address of the next TB: every TB also gets an execution callback that
 *   compares its start address with the fall-through address of the previous
 *   TB's conditional branch, if any, and counts a not-taken when they match.
 *   Taken = executions - not-taken. This is one helper call per executed TB
 *   (not per instruction); the inline counters alone cannot see where
 *   control went next, and registering the check only on the TBs that may
 *   follow a conditional branch would miss those translated before the
 *   branch was first seen. Measured on a 3.5e9-instruction loop (6
 *   instructions per TB, mps2-an386): 1420 MIPS bare, 1340 with the inline
 *   counters alone, 1150 with the callback as well (README.md).
 * - Markers: an instruction callback is registered only on the instructions
 *   at the begin and end addresses. Each begin pushes a snapshot of the
 *   running totals; each end pops it and records totals - snapshot, with the
 *   nesting depth (1 = outermost) and a sequence number in completion order.
 *   A region contains its own closing call: the BL to tb_region_end and that
 *   function's instructions (2 branch instructions for a bare BX LR). The
 *   opening call (BL and BX LR of tb_region_begin) is already in the
 *   snapshot, so it is not. An enclosing region also contains the 4 marker
 *   instructions of each region nested in it.
 *
 * Classification (thumb_classify.c) puts the v8.1-M low-overhead loop
 * instructions (DLS, WLS, LE, their tail-predicated forms, LCTP) in branch:
 * they are loop control that exists without MVE, so mve stays a count of
 * Helium data instructions (VCTP is mve). A conditional branch in
 * the middle of a TB (QEMU ends TBs at branches, so this does not happen)
 * would be counted not-taken, since execution went on past it.
 *
 * Limits: a TB left early by an exception still counts whole; a conditional
 * branch followed by exception entry counts as taken; inline counters are
 * not atomic, so with several vCPUs under MTTCG counts can be lost (the
 * boards used here are single-core, and cell programs single-threaded;
 * install warns otherwise). */
#define _POSIX_C_SOURCE 200809L /* fsync, getpid, rename under -std=c11 */

#include "a64_classify.h"
#include "qemu_plugin_api.h"
#include "thumb_classify.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

/* Counter slots: the decoder's classes, then insns, then its extra totals
 * that are not classes (Thumb: registers moved by LDM and STM). */
enum { MAX_COUNTERS = 24, MAX_EXTRA = 2 };

typedef struct {
    int cls;
    bool cond_branch;
    uint64_t fallthrough;
    uint32_t extra[MAX_EXTRA];
} decoded;

typedef struct {
    const char *const *class_names;
    int n_classes, taken, not_taken, other;
    const char *const *extra_names;
    int n_extra;
    uint64_t addr_mask; /* applied to marker addresses */
    uint64_t addr_max;
    int (*decode)(const uint8_t *bytes, size_t len, uint64_t pc, decoded *d);
} decoder;

static int decode_thumb(const uint8_t *bytes, size_t len, uint64_t pc, decoded *d)
{
    tb_thumb_insn t;
    if (tb_thumb_classify(bytes, len, (uint32_t)pc, &t) != 0)
        return -1;
    *d = (decoded){(int)t.cls, t.cond_branch, t.fallthrough,
                   {t.cls == TB_THUMB_LDM ? t.regs : 0u, t.cls == TB_THUMB_STM ? t.regs : 0u}};
    return 0;
}

static int decode_a64(const uint8_t *bytes, size_t len, uint64_t pc, decoded *d)
{
    tb_a64_insn a;
    if (tb_a64_classify(bytes, len, pc, &a) != 0)
        return -1;
    *d = (decoded){(int)a.cls, a.cond_branch, a.fallthrough, {0, 0}};
    return 0;
}

static const char *const thumb_extra[] = {"ldm_regs", "stm_regs"};

/* A Thumb symbol's value has bit 0 set; its code is at value - 1. */
static const decoder thumb_decoder = {
    tb_thumb_class_names, TB_THUMB_CLASS_COUNT, TB_THUMB_BRANCH_TAKEN,
    TB_THUMB_BRANCH_NOT_TAKEN, TB_THUMB_OTHER, thumb_extra, 2, ~1ull, UINT32_MAX, decode_thumb,
};
static const decoder a64_decoder = {
    tb_a64_class_names, TB_A64_CLASS_COUNT, TB_A64_BRANCH_TAKEN, TB_A64_BRANCH_NOT_TAKEN,
    TB_A64_OTHER, NULL, 0, ~0ull, UINT64_MAX, decode_a64,
};

_Static_assert(TB_THUMB_CLASS_COUNT + 1 + MAX_EXTRA <= MAX_COUNTERS, "counter slots");
_Static_assert(TB_A64_CLASS_COUNT + 1 <= MAX_COUNTERS, "counter slots");

typedef struct {
    uint64_t exec;      /* bumped by the inline op */
    uint64_t not_taken; /* bumped by the successor's TB callback */
    uint64_t folded_exec, folded_not_taken; /* already in the running totals */
    uint64_t vaddr;
    uint64_t fallthrough; /* of the final conditional branch */
    bool ends_cond;
    uint32_t vec[MAX_COUNTERS];
} tb_record;

/* Records live in fixed blocks so QEMU can keep pointers into them. */
enum { RECORDS_PER_BLOCK = 4096 };
typedef struct record_block {
    struct record_block *next;
    size_t used;
    tb_record rec[RECORDS_PER_BLOCK];
} record_block;

typedef struct {
    uint64_t seq;
    unsigned depth;
    uint64_t counts[MAX_COUNTERS];
} region;

static struct {
    pthread_mutex_t lock; /* records list, totals, region stack and list */
    const decoder *dec;
    int insns, n_counters; /* the insns slot; slots in use */
    record_block *blocks;
    tb_record **pending; /* per vCPU: TB that ended in a conditional branch */
    unsigned n_vcpus;    /* entries of pending */
    bool have_markers;
    uint64_t begin, end;
    const char *out;
    uint64_t totals[MAX_COUNTERS];
    uint64_t (*stack)[MAX_COUNTERS];
    size_t depth, stack_cap;
    region *regions;
    size_t n_regions, regions_cap;
    uint64_t unmatched_ends;
    bool out_of_memory;
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

static tb_record *new_record(void)
{
    if (!g.blocks || g.blocks->used == RECORDS_PER_BLOCK) {
        record_block *b = calloc(1, sizeof *b);
        if (!b)
            return NULL;
        b->next = g.blocks;
        g.blocks = b;
    }
    return &g.blocks->rec[g.blocks->used++];
}

static void on_tb_exec(unsigned int vcpu, void *udata)
{
    if (vcpu >= g.n_vcpus)
        return; /* a thread beyond the ones provided for: install warned */
    tb_record *r = udata, **p = &g.pending[vcpu];
    if (*p && (*p)->fallthrough == r->vaddr)
        (*p)->not_taken++;
    *p = r->ends_cond ? r : NULL;
}

/* Adds what ran since the last fold into the running totals: O(records),
 * paid only at markers and at exit. Callers hold g.lock. A marker's TB has
 * already resolved the branch before it (TB callbacks run before the
 * instruction callbacks of the same TB), so no execution is half-counted. */
static void fold(void)
{
    for (record_block *b = g.blocks; b; b = b->next) {
        for (size_t i = 0; i < b->used; i++) {
            tb_record *r = &b->rec[i];
            uint64_t runs = r->exec - r->folded_exec;
            if (!runs)
                continue;
            for (int k = 0; k < g.n_counters; k++)
                g.totals[k] += runs * r->vec[k];
            if (r->ends_cond) {
                uint64_t nt = r->not_taken - r->folded_not_taken;
                g.totals[g.dec->not_taken] += nt;
                g.totals[g.dec->taken] += runs - nt;
                r->folded_not_taken = r->not_taken;
            }
            r->folded_exec = r->exec;
        }
    }
}

/* Returns buf (of *cap elements of size elem) grown to hold n, or NULL
 * when out of memory, leaving buf as it was. */
static void *grow(void *buf, size_t *cap, size_t n, size_t elem)
{
    if (n <= *cap)
        return buf;
    size_t want = *cap ? *cap * 2 : 16;
    void *p = realloc(buf, want * elem);
    if (p)
        *cap = want;
    return p;
}

static void on_begin(unsigned int vcpu, void *udata)
{
    (void)vcpu, (void)udata;
    pthread_mutex_lock(&g.lock);
    fold();
    void *p = grow(g.stack, &g.stack_cap, g.depth + 1, sizeof *g.stack);
    if (p) {
        g.stack = p;
        memcpy(g.stack[g.depth++], g.totals, sizeof g.totals);
    } else {
        g.out_of_memory = true;
    }
    pthread_mutex_unlock(&g.lock);
}

static void on_end(unsigned int vcpu, void *udata)
{
    (void)vcpu, (void)udata;
    pthread_mutex_lock(&g.lock);
    fold();
    if (g.depth == 0) {
        g.unmatched_ends++;
    } else {
        g.depth--;
        void *p = grow(g.regions, &g.regions_cap, g.n_regions + 1, sizeof *g.regions);
        if (p) {
            g.regions = p;
            region *r = &g.regions[g.n_regions];
            r->seq = g.n_regions++;
            r->depth = (unsigned)g.depth + 1;
            for (int k = 0; k < g.n_counters; k++)
                r->counts[k] = g.totals[k] - g.stack[g.depth][k];
        } else {
            g.out_of_memory = true;
        }
    }
    pthread_mutex_unlock(&g.lock);
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    pthread_mutex_lock(&g.lock);
    tb_record *r = new_record();
    if (!r)
        g.out_of_memory = true;
    pthread_mutex_unlock(&g.lock);
    if (!r)
        return;
    r->vaddr = qemu_plugin_tb_vaddr(tb);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t pc = qemu_plugin_insn_vaddr(insn);
        decoded d;
        /* QEMU hands us exactly the bytes it decoded, so the length always
         * fits; an impossible mismatch is still counted, as other */
        if (g.dec->decode(qemu_plugin_insn_data(insn), qemu_plugin_insn_size(insn), pc, &d) != 0)
            d = (decoded){.cls = g.dec->other};
        r->vec[g.insns]++;
        if (d.cond_branch && i + 1 == n) {
            r->ends_cond = true;
            r->fallthrough = d.fallthrough;
        } else {
            r->vec[d.cond_branch ? g.dec->not_taken : d.cls]++;
        }
        for (int k = 0; k < g.dec->n_extra; k++)
            r->vec[g.insns + 1 + k] += d.extra[k];
        if (g.have_markers && (pc == g.begin || pc == g.end))
            qemu_plugin_register_vcpu_insn_exec_cb(insn, pc == g.begin ? on_begin : on_end,
                                                   QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &r->exec, 1);
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb_exec, QEMU_PLUGIN_CB_NO_REGS, r);
}

static void write_counts(FILE *f, const uint64_t *c)
{
    fprintf(f, "\"insns\":%" PRIu64, c[g.insns]);
    for (int k = 0; k < g.dec->n_classes; k++)
        fprintf(f, ",\"%s\":%" PRIu64, g.dec->class_names[k], c[k]);
    for (int k = 0; k < g.dec->n_extra; k++)
        fprintf(f, ",\"%s\":%" PRIu64, g.dec->extra_names[k], c[g.insns + 1 + k]);
}

static void write_jsonl(FILE *f)
{
    for (size_t i = 0; i < g.n_regions; i++) {
        fprintf(f, "{\"seq\":%" PRIu64 ",\"depth\":%u,\"counts\":{", g.regions[i].seq,
                g.regions[i].depth);
        write_counts(f, g.regions[i].counts);
        fputs("}}\n", f);
    }
    fputs("{\"total\":true,\"counts\":{", f);
    write_counts(f, g.totals);
    fputs("}}\n", f);
}

/* Readers never see a half-written file: write PATH.tmp.PID, then rename. */
static void write_out_file(void)
{
    size_t len = strlen(g.out) + 32;
    char *tmp = malloc(len);
    if (!tmp) {
        fprintf(stderr, "tbcount: out of memory writing %s\n", g.out);
        return;
    }
    snprintf(tmp, len, "%s.tmp.%ld", g.out, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "tbcount: cannot write %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return;
    }
    write_jsonl(f);
    if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
        fprintf(stderr, "tbcount: writing %s: %s\n", tmp, strerror(errno));
        fclose(f);
        remove(tmp);
    } else if (fclose(f) != 0 || rename(tmp, g.out) != 0) {
        fprintf(stderr, "tbcount: writing %s: %s\n", g.out, strerror(errno));
        remove(tmp);
    }
    free(tmp);
}

static void on_exit_cb(qemu_plugin_id_t id, void *udata)
{
    (void)id, (void)udata;
    pthread_mutex_lock(&g.lock);
    fold();
    if (g.depth)
        fprintf(stderr, "tbcount: %zu region(s) begun but never ended; not reported\n", g.depth);
    if (g.unmatched_ends)
        fprintf(stderr, "tbcount: %" PRIu64 " region end(s) without a begin; ignored\n",
                g.unmatched_ends);
    if (g.out_of_memory)
        fprintf(stderr, "tbcount: out of memory: counts are incomplete\n");
    if (g.out)
        write_out_file();
    else
        write_jsonl(stderr);
    /* Nothing is freed: QEMU is exiting, and with several vCPUs another one
     * may still be running code that points into the records. */
    pthread_mutex_unlock(&g.lock);
}

static int parse_addr(const char *key, const char *val, uint64_t *out)
{
    char *endp;
    errno = 0;
    unsigned long long v = strtoull(val, &endp, 0);
    if (errno || endp == val || *endp || v > g.dec->addr_max) {
        fprintf(stderr, "tbcount: %s=%s is not a %d-bit address\n", key, val,
                g.dec->addr_max == UINT32_MAX ? 32 : 64);
        return -1;
    }
    *out = v & g.dec->addr_mask;
    return 0;
}

static int parse_args(int argc, char **argv)
{
    bool have_begin = false, have_end = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t klen = eq ? (size_t)(eq - a) : strlen(a);
        if (eq && klen == 5 && strncmp(a, "begin", 5) == 0) {
            if (parse_addr("begin", eq + 1, &g.begin))
                return -1;
            have_begin = true;
        } else if (eq && klen == 3 && strncmp(a, "end", 3) == 0) {
            if (parse_addr("end", eq + 1, &g.end))
                return -1;
            have_end = true;
        } else if (eq && klen == 3 && strncmp(a, "out", 3) == 0) {
            if (!eq[1]) {
                fprintf(stderr, "tbcount: out= needs a path\n");
                return -1;
            }
            g.out = eq + 1;
        } else {
            fprintf(stderr,
                    "tbcount: unknown argument '%s' (expected begin=ADDR, end=ADDR, out=PATH)\n",
                    a);
            return -1;
        }
    }
    if (have_begin != have_end) {
        fprintf(stderr, "tbcount: begin= and end= go together\n");
        return -1;
    }
    if (have_begin && g.begin == g.end) {
        fprintf(stderr, "tbcount: begin and end are the same address\n");
        return -1;
    }
    g.have_markers = have_begin;
    return 0;
}

/* vCPU slots for user-mode emulation, where each guest thread gets the
 * next index; cell programs are single-threaded. */
enum { USER_MODE_VCPUS = 64 };

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                           int argc, char **argv)
{
    if (strcmp(info->target_name, "arm") == 0) {
        if (!info->system_emulation) {
            fprintf(stderr, "tbcount: 32-bit Arm needs system emulation (qemu-system-arm): "
                            "it decodes Thumb code for Cortex-M\n");
            return -1;
        }
        g.dec = &thumb_decoder;
    } else if (strcmp(info->target_name, "aarch64") == 0) {
        g.dec = &a64_decoder;
    } else {
        fprintf(stderr, "tbcount: decodes Thumb (arm) and A64 (aarch64) code; target is %s\n",
                info->target_name);
        return -1;
    }
    g.insns = g.dec->n_classes;
    g.n_counters = g.insns + 1 + g.dec->n_extra;
    if (parse_args(argc, argv))
        return -1;
    if (info->system_emulation && info->system.smp_vcpus > 1)
        fprintf(stderr, "tbcount: warning: %d vCPUs; inline counters are not atomic, so "
                        "counts may be lost under multi-threaded TCG\n",
                info->system.smp_vcpus);
    g.n_vcpus = info->system_emulation ? (unsigned)info->system.max_vcpus : USER_MODE_VCPUS;
    g.pending = calloc(g.n_vcpus, sizeof *g.pending);
    if (!g.pending) {
        fprintf(stderr, "tbcount: out of memory\n");
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
    qemu_plugin_register_atexit_cb(id, on_exit_cb, NULL);
    return 0;
}
