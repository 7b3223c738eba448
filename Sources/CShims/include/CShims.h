// Thin wrappers around Linux calls and constants that Swift cannot import as they are:
// function-like macros, flags hidden behind _GNU_SOURCE, and enums that glibc spells as macros.
#ifndef BLOCKFENCE_CSHIMS_H
#define BLOCKFENCE_CSHIMS_H

#include <stdint.h>
#include <sys/types.h>

/// Deallocates a byte range while keeping the file size; reads of the range return zeroes.
int bf_punch_hole(int fd, int64_t offset, int64_t length);

/// Converts a byte range to zeroes without writing them (unwritten extents); keeps the size.
int bf_zero_range(int fd, int64_t offset, int64_t length);

/// Allocates a byte range (fallocate mode 0 with KEEP_SIZE): holes become zeroed, allocated blocks.
int bf_allocate_range(int fd, int64_t offset, int64_t length);

/// lseek(SEEK_DATA): the first offset at or after `offset` holding data, or -1 with ENXIO.
int64_t bf_seek_data(int fd, int64_t offset);

/// lseek(SEEK_HOLE): the first offset at or after `offset` inside a hole (the end counts as one).
int64_t bf_seek_hole(int fd, int64_t offset);

/// Writes back dirty cached pages of a range and waits for them (sync_file_range).
int bf_write_back_range(int fd, int64_t offset, int64_t length);

/// posix_fadvise(WILLNEED) for NBD_CMD_CACHE.
int bf_advise_will_need(int fd, int64_t offset, int64_t length);

/// A TCP or Unix stream socket with close-on-exec set.
int bf_stream_socket(int domain);

/// send() that never raises SIGPIPE.
ssize_t bf_send(int fd, const void *buffer, size_t length, int more);

/// accept4 with close-on-exec.
int bf_accept(int fd);

/// Sets SO_RCVTIMEO; zero milliseconds waits forever.
int bf_set_receive_timeout(int fd, int64_t milliseconds);

/// Sets SO_SNDTIMEO; zero milliseconds waits forever.
int bf_set_send_timeout(int fd, int64_t milliseconds);

/// Sets TCP_NODELAY on TCP sockets; a no-op for other families.
int bf_set_no_delay(int fd);

/// Names the calling thread (at most 15 bytes are kept).
int bf_set_thread_name(const char *name);

/// The errno of the calling thread.
int bf_errno(void);

/// The thread id as the kernel sees it, for log lines.
int64_t bf_thread_id(void);

/// Blocks SIGINT, SIGTERM, SIGHUP and SIGPIPE in the calling thread (and threads it creates later).
int bf_block_termination_signals(void);

/// Waits for SIGINT, SIGTERM or SIGHUP (which must be blocked) and returns its number.
int bf_wait_termination_signal(void);

/// 1 when a block device is read-only (BLKROGET), 0 when writable, -1 on error.
int bf_block_device_read_only(int fd);

/// Asks the kernel to send SIGTERM to this process when its parent exits (PR_SET_PDEATHSIG).
int bf_terminate_with_parent(void);

/// Starts `path` with `arguments` (NULL-terminated) in a process group of its own, with signals
/// unblocked and standard output and error appended to `log_path`. Returns the pid or -1.
int bf_spawn(const char *path, char *const arguments[], const char *log_path);

/// A generic netlink socket (AF_NETLINK, NETLINK_GENERIC) with close-on-exec, bound to an
/// address the kernel picks. Returns the descriptor or -1.
int bf_generic_netlink_socket(void);

/// Joins a netlink multicast group (NETLINK_ADD_MEMBERSHIP) so that its notifications arrive.
int bf_netlink_join_group(int fd, uint32_t group);

#endif
