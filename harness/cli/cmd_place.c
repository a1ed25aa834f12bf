/* tierbench place RUN_DIR: where should each workload run — device, edge,
 * server or split between them — over each link profile (docs/placement.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "summary.h"

static void usage(void)
{
    printf("usage: tierbench place RUN_DIR [options]\n"
           "  Decides, per workload and link profile, whether to run on the device (MCU),\n"
           "  the edge, the server, or split after a layer between two of them, from the\n"
           "  run's per-layer profiles (docs/placement.md). Prints the decision table and\n"
           "  writes placement.json, decisions.csv, split_curves.csv, sensitivity.csv and\n"
           "  pareto.csv to RUN_DIR/placement/.\n\n"
           "  --link LIST               link profiles, comma-separated names from\n"
           "                            reports/placement/links/ or paths to .link files\n"
           "                            (default: all of them)\n"
           "  --deadline MS             end-to-end latency limit in ms\n"
           "  --device-energy-budget UJ device energy limit per inference in uJ\n"
           "  --objective latency|energy   what 'best' minimises (default latency)\n"
           "  --device TARGET           use only this MCU target's records for the device\n"
           "  --edge TARGET             use only this edge target's records\n"
           "  --server TARGET           use only this server target's records\n"
           "  --backhaul LINK           link between edge and server (default: the same\n"
           "                            link as the device's)\n"
           "  --out DIR                 where to write (default RUN_DIR/placement)\n");
}

typedef struct {
    char *links, *backhaul, *out;
    tb_tier_choice choice;
    tb_constraints c;
} place_options;

static int parse(int argc, char **argv, place_options *o)
{
    enum { O_DEADLINE = 256, O_BUDGET, O_OBJECTIVE, O_DEVICE, O_EDGE, O_SERVER, O_BACKHAUL };
    static const struct option opts[] = {
        {"link", required_argument, NULL, 'l'},
        {"deadline", required_argument, NULL, O_DEADLINE},
        {"device-energy-budget", required_argument, NULL, O_BUDGET},
        {"objective", required_argument, NULL, O_OBJECTIVE},
        {"device", required_argument, NULL, O_DEVICE},
        {"edge", required_argument, NULL, O_EDGE},
        {"server", required_argument, NULL, O_SERVER},
        {"backhaul", required_argument, NULL, O_BACKHAUL},
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "l:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage();
            return -1;
        case 'l':
            o->links = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case O_DEADLINE:
            if (tb_parse_double(optarg, 0, 1e12, &o->c.deadline_ms))
                return tb_usage_error("place: --deadline '%s' is not a number of ms >= 0", optarg);
            break;
        case O_BUDGET:
            if (tb_parse_double(optarg, 0, 1e15, &o->c.budget_uJ))
                return tb_usage_error(
                    "place: --device-energy-budget '%s' is not a number of uJ >= 0", optarg);
            break;
        case O_OBJECTIVE:
            if (strcmp(optarg, "latency") == 0)
                o->c.objective = TB_OBJECTIVE_LATENCY;
            else if (strcmp(optarg, "energy") == 0)
                o->c.objective = TB_OBJECTIVE_ENERGY;
            else
                return tb_usage_error("place: --objective '%s'; accepted: latency, energy",
                                      optarg);
            break;
        case O_DEVICE:
        case O_EDGE:
        case O_SERVER:
            o->choice.target[c - O_DEVICE] = optarg;
            break;
        case O_BACKHAUL:
            o->backhaul = optarg;
            break;
        default:
            return tb_usage_error("place: unknown option; accepted: --link, --deadline, "
                                  "--device-energy-budget, --objective, --device, --edge, "
                                  "--server, --backhaul, --out, --help");
        }
    }
    return 0;
}

static void run_id_of(const cJSON *records, const char *dir, char *out, size_t n)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(records, 0), "run_id");
    const char *base = strrchr(dir, '/');
    snprintf(out, n, "%s", cJSON_IsString(id) ? id->valuestring : base ? base + 1 : dir);
}

/* Loads links, backhaul and profiles into the study; TB_EXIT_OK or a usage error. */
static int load(const place_options *o, const char *run_dir, tb_placement_study *s,
                tb_link *backhaul)
{
    char err[1024], dir[4200], *names[TB_MAX_LINKS], *list = o->links ? strdup(o->links) : NULL;
    int n_names = list ? tb_split_list(list, names, TB_MAX_LINKS) : 0;
    tb_links_dir(dir, sizeof dir);
    s->n_links = tb_links_load(dir, names, n_names, s->links, TB_MAX_LINKS, err, sizeof err);
    free(list);
    if (s->n_links <= 0)
        return tb_usage_error("place: %s", s->n_links < 0 ? err : "--link gave no link");
    if (o->backhaul) {
        char *one[1] = {o->backhaul};
        if (tb_links_load(dir, one, 1, backhaul, 1, err, sizeof err) < 0)
            return tb_usage_error("place: --backhaul: %s", err);
        s->backhaul = backhaul;
    }
    cJSON *records = tb_summary_load(run_dir, err, sizeof err);
    if (!records)
        return tb_usage_error("place: %s", err);
    run_id_of(records, run_dir, s->run_id, sizeof s->run_id);
    s->n_workloads = tb_place_profiles(records, &o->choice, &s->workloads, err, sizeof err);
    cJSON_Delete(records);
    if (s->n_workloads < 0)
        return tb_usage_error("place: %s", err);
    if (s->n_workloads == 0)
        return tb_usage_error("place: '%s' has no records of tier mcu, edge or server", run_dir);
    return TB_EXIT_OK;
}

int tb_cmd_place(int argc, char **argv)
{
    place_options o = {.c = {TB_OBJECTIVE_LATENCY, -1, -1}};
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? TB_EXIT_OK : rc;
    if (optind + 1 != argc)
        return tb_usage_error("place: give one result folder (a DIR/<run id> that run wrote)");
    const char *run_dir = argv[optind];
    tb_placement_study s = {.constraints = o.c};
    tb_link backhaul;
    s.links = calloc(TB_MAX_LINKS, sizeof *s.links);
    rc = load(&o, run_dir, &s, &backhaul);
    if (rc == TB_EXIT_OK) {
        tb_placement_compute(&s);
        tb_placement_print(stdout, &s);
        char out[4200], err[4400];
        snprintf(out, sizeof out, "%s", o.out ? o.out : "");
        if (!o.out)
            snprintf(out, sizeof out, "%s/placement", run_dir);
        int unmet = 0;
        for (int i = 0; i < s.n_workloads * s.n_links; i++)
            unmet += s.decisions[i].best >= 0 && !s.decisions[i].meets;
        if (unmet)
            fprintf(stderr, "tierbench: place: for %d of %d workload x link pairs NO option meets "
                    "the constraints; their 'best' is only the closest (see the notes)\n",
                    unmet, s.n_workloads * s.n_links);
        if (tb_placement_write(&s, out, err, sizeof err))
            rc = tb_usage_error("place: %s", err);
        else
            printf("wrote %s/placement.json and decisions, split_curves, sensitivity, pareto "
                   ".csv\n", out);
    }
    tb_placement_free(&s);
    free(s.links);
    return rc;
}
