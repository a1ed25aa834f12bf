/* Region markers seen by the QEMU counting plugin (targets/mcu/plugin). */
#ifndef TB_MARKERS_H
#define TB_MARKERS_H

void tb_region_begin(void);
void tb_region_end(void);

#endif
