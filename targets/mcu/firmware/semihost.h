/* Arm semihosting: the firmware's only I/O. QEMU implements it with
 * -semihosting-config enable=on, so no UART model is needed. */
#ifndef TB_SEMIHOST_H
#define TB_SEMIHOST_H

void tb_sh_write0(const char *s);
/* Ends the emulation with an exit status (SYS_EXIT, ADP_Stopped_ApplicationExit). */
void tb_sh_exit(int status) __attribute__((noreturn));

#endif
