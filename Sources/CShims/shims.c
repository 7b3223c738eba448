#define _GNU_SOURCE
#include "CShims.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/netlink.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int bf_punch_hole(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length);
}

int bf_zero_range(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, offset, length);
}

int bf_allocate_range(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_KEEP_SIZE, offset, length);
}

int64_t bf_seek_data(int fd, int64_t offset) { return lseek(fd, offset, SEEK_DATA); }

int64_t bf_seek_hole(int fd, int64_t offset) { return lseek(fd, offset, SEEK_HOLE); }

int bf_write_back_range(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, offset, length,
                           SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
}

int bf_advise_will_need(int fd, int64_t offset, int64_t length) {
    return posix_fadvise(fd, offset, length, POSIX_FADV_WILLNEED);
}

int bf_stream_socket(int domain) { return socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0); }

ssize_t bf_send(int fd, const void *buffer, size_t length, int more) {
    return send(fd, buffer, length, MSG_NOSIGNAL | (more ? MSG_MORE : 0));
}

int bf_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_CLOEXEC); }

static int set_timeout(int fd, int option, int64_t milliseconds) {
    struct timeval value = {.tv_sec = milliseconds / 1000, .tv_usec = (milliseconds % 1000) * 1000};
    return setsockopt(fd, SOL_SOCKET, option, &value, sizeof value);
}

int bf_set_receive_timeout(int fd, int64_t milliseconds) { return set_timeout(fd, SO_RCVTIMEO, milliseconds); }

int bf_set_send_timeout(int fd, int64_t milliseconds) { return set_timeout(fd, SO_SNDTIMEO, milliseconds); }

int bf_set_no_delay(int fd) {
    struct sockaddr_storage address;
    socklen_t length = sizeof address;
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0) return -1;
    if (address.ss_family != AF_INET && address.ss_family != AF_INET6) return 0;
    int one = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int bf_errno(void) { return errno; }

int bf_set_thread_name(const char *name) {
    char shortened[16];
    snprintf(shortened, sizeof shortened, "%s", name);
    return pthread_setname_np(pthread_self(), shortened);
}

int64_t bf_thread_id(void) { return (int64_t)syscall(SYS_gettid); }

static void termination_set(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

int bf_block_termination_signals(void) {
    sigset_t set;
    termination_set(&set);
    sigaddset(&set, SIGPIPE);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int bf_wait_termination_signal(void) {
    sigset_t set;
    termination_set(&set);
    int number = 0;
    if (sigwait(&set, &number) != 0) return -1;
    return number;
}

int bf_block_device_read_only(int fd) {
    int read_only = 0;
    if (ioctl(fd, BLKROGET, &read_only) != 0) return -1;
    return read_only ? 1 : 0;
}

int bf_terminate_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGTERM); }

extern char **environ;

int bf_spawn(const char *path, char *const arguments[], const char *log_path) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    if (posix_spawn_file_actions_init(&actions) != 0) return -1;
    if (posix_spawnattr_init(&attributes) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return -1;
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    pid_t pid = -1;
    int result = posix_spawn(&pid, path, &actions, &attributes, arguments, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (result != 0) {
        errno = result;
        return -1;
    }
    return pid;
}

int bf_generic_netlink_socket(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
    if (fd < 0) return -1;
    struct sockaddr_nl address = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int bf_netlink_join_group(int fd, uint32_t group) {
    return setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group);
}
