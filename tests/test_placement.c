/* Placement model on a small recorded run (tests/data/place/run): cases whose
 * answers are computed by hand from the numbers in that file — a link so
 * slow the device must win, so fast offload must win, a deadline nothing
 * meets, a model that fits no MCU, the split arithmetic for one k, a
 * sensitivity flip point — and the link file parser's errors. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "store.h"
#include "summary.h"
#include "tb_test.h"

static tb_place_workload *workloads;
static int n_workloads;

static const tb_place_workload *find(const char *name)
{
    for (int i = 0; i < n_workloads; i++)
        if (strcmp(workloads[i].workload, name) == 0)
            return &workloads[i];
    return NULL;
}

static tb_link make_link(double up, double down, double rtt, double tx, double rx, double tail)
{
    tb_link l = {.uplink_bps = up, .downlink_bps = down, .rtt_ms = rtt, .tx_nJ_per_bit = tx,
                 .rx_nJ_per_bit = rx, .tail_uJ = tail};
    snprintf(l.name, sizeof l.name, "test");
    return l;
}

static const tb_constraints no_limits = {TB_OBJECTIVE_LATENCY, -1, -1};

/* The fixture's cortex-m4 ad record: layer cycles at 120 MHz, scaled so they
 * add up to the record's median latency (830643.75 cycles). */
static const double m4_cycles[10] = {215939.5, 54105.25, 54160.5,   54190.5, 3546,
                                     16217.75, 54150.75, 54154,     54147.5, 269211.5};
static const double m4_median_ms = 6922031.25e-6, m4_energy_uJ = 274.1124375;

static double m4_ms(int from, int to)
{
    double all = 0, part = 0;
    for (int i = 0; i < 10; i++) {
        all += m4_cycles[i];
        if (i >= from && i < to)
            part += m4_cycles[i];
    }
    return part / all * m4_median_ms;
}

static int test_load(void)
{
    char dir[4200], err[512];
    snprintf(dir, sizeof dir, "%s/tests/data/place/run", getenv("TB_SOURCE_DIR"));
    cJSON *records = tb_summary_load(dir, err, sizeof err);
    TB_CHECK(records != NULL);
    tb_tier_choice all = {{NULL, NULL, NULL}};
    n_workloads = tb_place_profiles(records, &all, &workloads, err, sizeof err);
    cJSON_Delete(records);
    TB_CHECK_EQ_INT(n_workloads, 2);
    const tb_place_workload *ad = find("ad");
    TB_CHECK(ad != NULL);
    TB_CHECK_EQ_INT(ad->input_bytes, 640); /* ad: 640 features in */
    TB_CHECK_EQ_INT(ad->n_layers, 10);
    TB_CHECK_EQ_INT(ad->out_bytes[4], 8); /* the 1x1x1x8 bottleneck */
    TB_CHECK_EQ_INT(ad->out_bytes[9], 640);
    TB_CHECK_EQ_INT(ad->n_tiers, 3); /* device:cortex-m4, edge:host, server:server */
    /* The device tier (sorted first) is the record's cycles at the board's clock. */
    TB_CHECK_NEAR(ad->tiers[0].total_ms, 830643.75 / 120e6 * 1e3, 1e-9);
    return 0;
}

static int test_shape_count(void)
{
    TB_CHECK_EQ_INT(tb_place_shape_count("1x25x5x64"), 8000);
    TB_CHECK_EQ_INT(tb_place_shape_count("1x1x1x8"), 8);
    TB_CHECK_EQ_INT(tb_place_shape_count("1x"), -1);
    TB_CHECK_EQ_INT(tb_place_shape_count("1x2y"), -1);
    TB_CHECK_EQ_INT(tb_place_shape_count("?"), -1);
    return 0;
}

static int test_slow_link_keeps_work_on_device(void)
{
    tb_link slow = make_link(100, 100, 1000, 100, 50, 0);
    tb_decision d;
    tb_place_decide(find("ad"), &slow, &slow, &no_limits, &d);
    TB_CHECK(d.best >= 0 && strcmp(d.options[d.best].name, "device:cortex-m4") == 0);
    TB_CHECK_NEAR(d.options[d.best].latency_ms, m4_median_ms, 1e-9);
    TB_CHECK_NEAR(d.options[d.best].device_uJ, m4_energy_uJ, 1e-9);
    TB_CHECK_NEAR(d.options[d.best].radio_uJ, 0, 0);
    TB_CHECK(d.meets && d.note[0] == 0);
    tb_decision_free(&d);
    return 0;
}

static int test_fast_link_offloads(void)
{
    /* Server: 0.001 ms compute + 2 x 640 B at 10 Gbit/s + 0.001 ms RTT. */
    tb_link fast = make_link(1e10, 1e10, 0.001, 1, 1, 0);
    tb_decision d;
    tb_place_decide(find("ad"), &fast, &fast, &no_limits, &d);
    TB_CHECK(d.best >= 0 && strcmp(d.options[d.best].name, "server:server") == 0);
    TB_CHECK_NEAR(d.options[d.best].latency_ms, 0.001 + 2 * 5120 / 1e10 * 1e3 + 0.001, 1e-12);
    /* Radio only: 5120 bits up at 1 nJ/bit and 5120 down at 1 nJ/bit. */
    TB_CHECK_NEAR(d.options[d.best].device_uJ, 2 * 5120 * 1e-3, 1e-9);
    tb_decision_free(&d);
    return 0;
}

static int test_deadline_nothing_meets(void)
{
    tb_link slow = make_link(100, 100, 1000, 100, 50, 0);
    tb_constraints c = {TB_OBJECTIVE_LATENCY, 0.5, -1};
    tb_decision d;
    tb_place_decide(find("ad"), &slow, &slow, &c, &d);
    TB_CHECK(!d.meets);
    TB_CHECK(strstr(d.note, "NO OPTION MEETS the 0.5 ms deadline") != NULL);
    TB_CHECK(strstr(d.note, "the fastest, device:cortex-m4, takes 6.922 ms") != NULL);
    TB_CHECK(d.best >= 0 && strcmp(d.options[d.best].name, "device:cortex-m4") == 0);
    int misses = 0;
    for (int i = 0; i < d.n_excluded; i++)
        misses += d.excluded[i].constraint;
    TB_CHECK_EQ_INT(misses, d.n_options);
    tb_decision_free(&d);
    return 0;
}

static int test_energy_objective_and_budget(void)
{
    /* Radio at 1 nJ/bit: the server option costs 10.24 uJ of device energy,
     * far below the cortex-m4's 274 uJ, though the device is faster. */
    tb_link l = make_link(1e4, 1e4, 100, 1, 1, 0);
    tb_constraints energy = {TB_OBJECTIVE_ENERGY, -1, -1}, budget = {TB_OBJECTIVE_LATENCY, -1, 100};
    tb_decision d;
    tb_place_decide(find("ad"), &l, &l, &energy, &d);
    TB_CHECK(d.best >= 0 && strncmp(d.options[d.best].name, "split:cortex-m4>", 16) != 0);
    TB_CHECK(d.best >= 0 && d.options[d.best].device_uJ < m4_energy_uJ);
    tb_decision_free(&d);
    tb_place_decide(find("ad"), &l, &l, &budget, &d);
    TB_CHECK(d.meets && d.options[d.best].device_uJ <= 100);
    tb_decision_free(&d);
    return 0;
}

static int test_model_that_fits_no_mcu(void)
{
    tb_link l = make_link(1e6, 1e6, 10, 100, 50, 0);
    tb_decision d;
    tb_place_decide(find("gemm:shape=6"), &l, &l, &no_limits, &d);
    int found = 0;
    for (int i = 0; i < d.n_excluded; i++)
        if (strcmp(d.excluded[i].option, "device:cortex-m4") == 0)
            found = strstr(d.excluded[i].reason, "does-not-fit: stm32l4r5 needs 3215048 B flash") !=
                    NULL;
    TB_CHECK(found);
    for (int i = 0; i < d.n_options; i++)
        TB_CHECK(strncmp(d.options[i].name, "device:", 7) != 0);
    TB_CHECK(d.best >= 0 && strcmp(d.options[d.best].name, "edge:host") == 0);
    tb_decision_free(&d);
    return 0;
}

static int test_split_arithmetic(void)
{
    /* split:cortex-m4>server@k=4: layers 0-4 on the cortex-m4, the 8-byte
     * bottleneck sent up, layers 5-9 on the server (5 x 100 ns), 640 B back. */
    tb_link l = make_link(1e5, 2e5, 10, 100, 50, 30);
    const tb_place_workload *ad = find("ad");
    tb_option o;
    tb_place_evaluate(ad, &(tb_placement){&ad->tiers[0], &ad->tiers[2], 4}, &l, &l, &o);
    TB_CHECK(strcmp(o.name, "split:cortex-m4>server@k=4") == 0);
    TB_CHECK_EQ_INT(o.cut_bytes, 8);
    double compute = m4_ms(0, 5) + 5 * 100e-6;
    double transfer = 64 / 1e5 * 1e3 + 5120 / 2e5 * 1e3; /* 0.64 + 25.6 ms */
    TB_CHECK_NEAR(o.compute_ms, compute, 1e-12);
    TB_CHECK_NEAR(o.transfer_ms, transfer, 1e-12);
    TB_CHECK_NEAR(o.rtt_ms, 10, 0);
    TB_CHECK_NEAR(o.latency_ms, compute + transfer + 10, 1e-12);
    double share = (215939.5 + 54105.25 + 54160.5 + 54190.5 + 3546) / 829823.25;
    TB_CHECK_NEAR(o.device_compute_uJ, m4_energy_uJ * share, 1e-9);
    /* 64 bits x 100 nJ + 5120 bits x 50 nJ + 30 uJ tail = 6.4 + 256 + 30 uJ. */
    TB_CHECK_NEAR(o.radio_uJ, 292.4, 1e-9);
    TB_CHECK_NEAR(o.device_uJ, m4_energy_uJ * share + 292.4, 1e-9);
    TB_CHECK(o.estimated);
    return 0;
}

static int test_sensitivity_flip(void)
{
    /* With a 1 ms RTT and a downlink too fast to matter, the device
     * (6.922 ms) first loses to split@k=4, which costs m4 layers 0-4 +
     * 0.0005 ms + 64 bits / U + 1 ms: U* = 64 / (6.922 - m4(0..4) - 1.0005 ms). */
    tb_link l = make_link(1e3, 1e15, 1, 100, 50, 0);
    tb_sensitivity s;
    tb_place_sensitivity(find("ad"), &l, NULL, &no_limits, 1e3, 1e10, 10, &s);
    TB_CHECK(strcmp(s.at_low, "device:cortex-m4") == 0);
    TB_CHECK(s.n_flips >= 1);
    double want = 64 / ((m4_median_ms - m4_ms(0, 5) - 0.0005 - 1 - 5120 / 1e15 * 1e3) * 1e-3);
    if (s.n_flips >= 1) {
        TB_CHECK(strcmp(s.flips[0].from, "device:cortex-m4") == 0);
        TB_CHECK(strcmp(s.flips[0].to, "split:cortex-m4>server@k=4") == 0);
        TB_CHECK_NEAR(s.flips[0].uplink_bps / want, 1, 2e-4);
    }
    /* At 10 Gbit/s the server alone wins: 0.001 + 0.000512 + 1 ms. */
    TB_CHECK(strcmp(s.at_high, "server:server") == 0);
    tb_sensitivity_free(&s);
    return 0;
}

static int test_study_json(void)
{
    tb_link l = make_link(1e6, 1e6, 10, 100, 50, 0);
    tb_placement_study s = {.constraints = no_limits, .workloads = workloads,
                            .n_workloads = n_workloads, .links = &l, .n_links = 1};
    snprintf(s.run_id, sizeof s.run_id, "test");
    tb_placement_compute(&s);
    char dir[] = "/tmp/tb_placeXXXXXX", err[512];
    TB_CHECK(mkdtemp(dir) != NULL);
    TB_CHECK(tb_placement_write(&s, dir, err, sizeof err) == 0);
    char path[600];
    snprintf(path, sizeof path, "%s/placement.json", dir);
    cJSON *j = tb_json_file_read(path);
    TB_CHECK(j != NULL);
    TB_CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, "decisions")), 2);
    const cJSON *d0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "decisions"), 0);
    TB_CHECK(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(d0, "best"), "breakdown")));
    /* ad has three tier pairs with 9 cuts each; gemm (one layer) none. */
    TB_CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, "split_curves")), 3);
    TB_CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(j, "pareto")) == 2);
    cJSON_Delete(j);
    static const char *const files[] = {"placement.json", "decisions.csv", "split_curves.csv",
                                        "sensitivity.csv", "pareto.csv"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        TB_CHECK(access(path, R_OK) == 0);
        unlink(path);
    }
    rmdir(dir);
    s.workloads = NULL; /* owned by the test */
    s.n_workloads = 0;
    for (int i = 0; i < n_workloads; i++) {
        tb_decision_free(&s.decisions[i]);
        tb_sensitivity_free(&s.sensitivity[i]);
    }
    free(s.decisions);
    free(s.sensitivity);
    return 0;
}

/* Writes text to a temporary .link file and returns the parser's verdict. */
static int parse_text(const char *text, char *err, size_t err_len)
{
    char path[] = "/tmp/tb_linkXXXXXX.link";
    int fd = mkstemps(path, 5);
    if (fd < 0)
        return -2;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    tb_link l;
    int rc = tb_link_load(path, &l, err, err_len);
    unlink(path);
    return rc;
}

#define FIGS_AFTER_UP                                                                         \
    "downlink_bps 1\nsource b\nrtt_ms 1\nsource c\nradio_tx_nJ_per_bit 1\nsource d\n"        \
    "radio_rx_nJ_per_bit 1\nsource e\ntail_energy_uJ 0\nsource f\n"

static int test_link_parse_errors(void)
{
    char err[600];
    TB_CHECK(parse_text("uplink_bps 1\nsource a\n" FIGS_AFTER_UP, err, sizeof err) == 0);
    TB_CHECK(parse_text("uplink_bps 1\n" FIGS_AFTER_UP, err, sizeof err) == -1);
    TB_CHECK(strstr(err, ":2: 'uplink_bps' has no source line") != NULL);
    TB_CHECK(parse_text("source a\nuplink_bps 1\n", err, sizeof err) == -1);
    TB_CHECK(strstr(err, ":1: 'source' must follow the figure") != NULL);
    TB_CHECK(parse_text("uplink_bps fast\nsource a\n", err, sizeof err) == -1);
    TB_CHECK(strstr(err, ":1: 'fast' is not a non-negative number") != NULL);
    TB_CHECK(parse_text("uplink_bps 0\nsource a\n", err, sizeof err) == -1);
    TB_CHECK(strstr(err, "'uplink_bps' must be above 0 bit/s") != NULL);
    TB_CHECK(parse_text("uplnk_bps 1\nsource a\n", err, sizeof err) == -1);
    TB_CHECK(strstr(err, "unknown key 'uplnk_bps'; accepted: description") != NULL);
    TB_CHECK(parse_text(FIGS_AFTER_UP, err, sizeof err) == -1);
    TB_CHECK(strstr(err, "'uplink_bps' is missing") != NULL);
    TB_CHECK(parse_text("uplink_bps 1\nsource a\nuplink_bps 2\nsource a\n", err, sizeof err) == -1);
    TB_CHECK(strstr(err, ":3: 'uplink_bps' is given twice") != NULL);
    TB_CHECK(parse_text("uplink_bps 1\nsource a\n" FIGS_AFTER_UP "description x\nrtt_ms", err,
                        sizeof err) == -1);
    TB_CHECK(strstr(err, "'rtt_ms' has no value") != NULL);
    return 0;
}

static int test_shipped_links(void)
{
    char dir[4200], err[600], *names[1] = {"nosuch"};
    tb_links_dir(dir, sizeof dir);
    tb_link *links = calloc(TB_MAX_LINKS, sizeof *links);
    int n = tb_links_load(dir, NULL, 0, links, TB_MAX_LINKS, err, sizeof err);
    if (n < 0)
        fprintf(stderr, "%s\n", err);
    TB_CHECK(n >= 8);
    static const char *const required[] = {"ble", "lora", "nbiot", "lte", "wifi", "5g-embb",
                                           "5g-urllc", "6g"};
    for (size_t r = 0; r < 8; r++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            if (strcmp(links[i].name, required[r]) == 0)
                found = strstr(links[i].source, "tail_energy_uJ: ") != NULL;
        TB_CHECK(found);
    }
    TB_CHECK(tb_links_load(dir, names, 1, links, TB_MAX_LINKS, err, sizeof err) == -1);
    TB_CHECK(strstr(err, "unknown link 'nosuch'; accepted: 5g-embb, 5g-urllc, 6g, ble") != NULL);
    free(links);
    return 0;
}

int main(void)
{
    TB_RUN(test_load);
    TB_RUN(test_shape_count);
    TB_RUN(test_slow_link_keeps_work_on_device);
    TB_RUN(test_fast_link_offloads);
    TB_RUN(test_deadline_nothing_meets);
    TB_RUN(test_energy_objective_and_budget);
    TB_RUN(test_model_that_fits_no_mcu);
    TB_RUN(test_split_arithmetic);
    TB_RUN(test_sensitivity_flip);
    TB_RUN(test_study_json);
    TB_RUN(test_link_parse_errors);
    TB_RUN(test_shipped_links);
    tb_place_workloads_free(workloads, n_workloads);
    return tb_test_summary();
}
