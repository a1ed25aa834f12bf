/* A minimal test harness: each test executable defines test functions,
 * lists them in main() through TB_RUN, and ends with tb_test_summary(),
 * which prints "N passed, N failed" and sets the exit code CTest reads.
 * A check that fails reports file, line and the values it compared. */
#ifndef TB_TEST_H
#define TB_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tb_test_failed_checks, tb_test_passed, tb_test_failed, tb_test_skipped;

#define TB_CHECK(cond)                                                           \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            tb_test_failed_checks++;                                             \
        }                                                                        \
    } while (0)

#define TB_CHECK_EQ_INT(a, b)                                                    \
    do {                                                                         \
        long long tb_a_ = (long long)(a), tb_b_ = (long long)(b);                \
        if (tb_a_ != tb_b_) {                                                    \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,  \
                    __LINE__, #a, #b, tb_a_, tb_b_);                             \
            tb_test_failed_checks++;                                             \
        }                                                                        \
    } while (0)

#define TB_CHECK_NEAR(a, b, tol)                                                 \
    do {                                                                         \
        double tb_a_ = (double)(a), tb_b_ = (double)(b);                         \
        if (!(tb_a_ - tb_b_ <= (tol) && tb_b_ - tb_a_ <= (tol))) {               \
            fprintf(stderr, "%s:%d: |%s - %s| <= %g failed: %g vs %g\n", __FILE__, \
                    __LINE__, #a, #b, (double)(tol), tb_a_, tb_b_);              \
            tb_test_failed_checks++;                                             \
        }                                                                        \
    } while (0)

/* A test that cannot run here says why; it counts as skipped, not passed. */
#define TB_SKIP(reason)                                                          \
    do {                                                                         \
        printf("  skipped: %s\n", reason);                                       \
        return 1;                                                                \
    } while (0)

/* Test functions return 0 normally, 1 when they skipped. */
#define TB_RUN(fn)                                                               \
    do {                                                                         \
        int tb_before_ = tb_test_failed_checks;                                  \
        printf("test %s\n", #fn);                                                \
        int tb_skip_ = fn();                                                     \
        if (tb_test_failed_checks != tb_before_) {                               \
            tb_test_failed++;                                                    \
            printf("  FAILED\n");                                                \
        } else if (tb_skip_) {                                                   \
            tb_test_skipped++;                                                   \
        } else {                                                                 \
            tb_test_passed++;                                                    \
        }                                                                        \
    } while (0)

/* Exit code 77 (CTest's SKIP_RETURN_CODE here) when every test skipped. */
static inline int tb_test_summary(void)
{
    printf("%d passed, %d failed, %d skipped\n", tb_test_passed, tb_test_failed,
           tb_test_skipped);
    if (tb_test_failed)
        return 1;
    return tb_test_passed == 0 && tb_test_skipped > 0 ? 77 : 0;
}

#endif
