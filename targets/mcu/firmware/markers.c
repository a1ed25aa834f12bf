/* Region markers. The counting plugin is given these functions' addresses
 * and snapshots its counters whenever one is entered; the functions do
 * nothing else, so a marker costs a call and a return. */
#include "markers.h"

__attribute__((noinline, used)) void tb_region_begin(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline, used)) void tb_region_end(void)
{
    __asm__ volatile("" ::: "memory");
}
