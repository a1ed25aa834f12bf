// Google Benchmark behind the C interface of gbench_shim.h: each call
// registers one benchmark, runs it with a reporter that keeps the numbers and
// prints nothing, then clears the registry so the next call starts clean.
#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#ifndef TB_GB_VERSION
#error "TB_GB_VERSION comes from CMake (benchmark_VERSION of find_package(benchmark))"
#endif

namespace {

// Keeps each repetition's raw time and iteration count. Aggregates (mean,
// median, stddev) are dropped: callers compute their own statistics from the
// repetitions, with the same code for every tier.
class CaptureReporter : public benchmark::BenchmarkReporter {
public:
    struct Rep {
        double real_s;
        int64_t iterations;
    };
    std::vector<Rep> reps;
    std::string error;

    bool ReportContext(const Context &) override { return true; }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &r : runs) {
            if (r.run_type != Run::RT_Iteration)
                continue;
            if (r.error_occurred) {
                if (error.empty())
                    error = r.error_message;
                continue;
            }
            reps.push_back({r.real_accumulated_time, static_cast<int64_t>(r.iterations)});
        }
    }
};

// ClearRegisteredBenchmarks on every way out, so a failed run cannot leave
// its benchmark behind to be run again by the next call.
struct ClearOnExit {
    ~ClearOnExit() { benchmark::ClearRegisteredBenchmarks(); }
};

__attribute__((format(printf, 3, 4)))
void set_err(char *err, size_t err_len, const char *fmt, ...)
{
    if (!err || err_len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

// Google Benchmark reads flags from argv, with defaults from BENCHMARK_*
// environment variables. A fake argv keeps the host program's command line
// out of it and pins every flag that could change what this shim measures
// or make Google Benchmark print, write files or exit. Static storage:
// Google Benchmark keeps a pointer to argv[0].
void init_once()
{
    static std::once_flag once;
    std::call_once(once, [] {
        static char flags[][48] = {
            "tierbench",
            "--benchmark_list_tests=false",
            "--benchmark_min_warmup_time=0",
            "--benchmark_enable_random_interleaving=false",
            "--benchmark_report_aggregates_only=false",
            "--benchmark_display_aggregates_only=false",
            "--benchmark_format=console",
            "--benchmark_out=",
            "--benchmark_out_format=json",
            "--benchmark_color=false",
            "--benchmark_perf_counters=",
            "--benchmark_time_unit=ns",
            "--v=0",
        };
        constexpr int n = sizeof flags / sizeof flags[0];
        static char *argv[n + 1];
        for (int i = 0; i < n; i++)
            argv[i] = flags[i];
        int argc = n;
        benchmark::Initialize(&argc, argv);
    });
}

bool valid_case(const tb_gb_case *c, const double *ns_per_iter, const int64_t *iterations,
                char *err, size_t err_len)
{
    if (!c || !c->fn) {
        set_err(err, err_len, "tb_gb_run: no case or no function to time");
        return false;
    }
    if (!c->name || !c->name[0]) {
        set_err(err, err_len, "tb_gb_run: the case needs a non-empty name");
        return false;
    }
    if (!ns_per_iter || !iterations) {
        set_err(err, err_len, "%s: no output arrays given", c->name);
        return false;
    }
    // Google Benchmark aborts the process on these; refuse them here instead.
    if (c->repetitions < 1) {
        set_err(err, err_len, "%s: repetitions must be >= 1 (got %d)", c->name, c->repetitions);
        return false;
    }
    if (!(c->min_time_s > 0.0)) {
        set_err(err, err_len, "%s: min_time_s must be > 0 (got %g)", c->name, c->min_time_s);
        return false;
    }
    if (!(c->warmup_s >= 0.0)) {
        set_err(err, err_len, "%s: warmup_s must be >= 0 (got %g)", c->name, c->warmup_s);
        return false;
    }
    return true;
}

int run_case(const tb_gb_case *c, double *ns_per_iter, int64_t *iterations,
             char *err, size_t err_len)
{
    init_once();
    CaptureReporter reporter;
    std::ostringstream sink; // Google Benchmark's own messages, kept for errors
    reporter.SetOutputStream(&sink);
    reporter.SetErrorStream(&sink);

    ClearOnExit clear;
    void (*fn)(void *) = c->fn;
    void *arg = c->arg;
    benchmark::internal::Benchmark *b = benchmark::RegisterBenchmark(
        c->name, [fn, arg](benchmark::State &st) {
            for (auto _ : st)
                fn(arg);
        });
    b->Repetitions(c->repetitions)->MinTime(c->min_time_s)->UseRealTime();
    if (c->warmup_s > 0.0)
        b->MinWarmUpTime(c->warmup_s);

    // "." runs everything registered, which is only this case: the registry
    // is cleared after every call, and an explicit spec keeps a
    // BENCHMARK_FILTER in the environment from selecting nothing.
    benchmark::RunSpecifiedBenchmarks(&reporter, ".");

    if (!reporter.error.empty()) {
        set_err(err, err_len, "%s: %s", c->name, reporter.error.c_str());
        return -1;
    }
    if (reporter.reps.empty()) {
        std::string msg = sink.str();
        const size_t nl = msg.find('\n');
        if (nl != std::string::npos)
            msg.resize(nl);
        set_err(err, err_len, "%s: Google Benchmark reported no runs%s%s", c->name,
                msg.empty() ? "" : ": ", msg.c_str());
        return -1;
    }

    const size_t n = std::min(reporter.reps.size(), static_cast<size_t>(c->repetitions));
    for (size_t r = 0; r < n; r++) {
        const CaptureReporter::Rep &rep = reporter.reps[r];
        ns_per_iter[r] = rep.real_s * 1e9 / static_cast<double>(rep.iterations);
    }
    *iterations = reporter.reps[0].iterations;
    return static_cast<int>(n);
}

} // namespace

extern "C" int tb_gb_run(const tb_gb_case *c, double *ns_per_iter, int64_t *iterations,
                         char *err, size_t err_len)
{
    if (!valid_case(c, ns_per_iter, iterations, err, err_len))
        return -1;
    // No C++ exception may cross into C callers.
    try {
        return run_case(c, ns_per_iter, iterations, err, err_len);
    } catch (const std::exception &e) {
        set_err(err, err_len, "%s: Google Benchmark failed: %s", c->name, e.what());
    } catch (...) {
        set_err(err, err_len, "%s: Google Benchmark failed with an unknown exception", c->name);
    }
    return -1;
}

extern "C" const char *tb_gb_version(void)
{
    return TB_GB_VERSION;
}
