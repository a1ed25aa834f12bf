/* Where the checkout's sources and data files are: $TB_SOURCE_DIR, else
 * the tree tierbench was configured from. Firmware and cell programs are
 * compiled from there at run time; data files (boards, cycle tables,
 * energy tables) are read from there. */
#ifndef TB_SOURCE_DIR_H
#define TB_SOURCE_DIR_H

const char *tb_source_dir(void);

#endif
