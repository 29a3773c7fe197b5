// Linux calls that Swift's Glibc module does not expose (they need _GNU_SOURCE) or that
// are C-variadic. Thin, inline, no logic of their own.
#ifndef MARSAD_CLINUX_H
#define MARSAD_CLINUX_H

#include <stdint.h>

/// The peer credentials of a Unix socket (layout of struct ucred; checked in CLinux.c).
typedef struct {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
} marsad_ucred;

/// rename(2) that fails with EEXIST instead of replacing an existing target.
int marsad_rename_noreplace(const char *from, const char *to);

/// Tries to take a read lease on `fd` (opened read-only). Fails with EAGAIN while any
/// process has the file open for writing: how marsad tells a file is still being written.
/// Fails with EACCES when the daemon neither owns the file nor has CAP_LEASE.
int marsad_try_read_lease(int fd);

/// Gives up a lease taken with marsad_try_read_lease.
int marsad_release_lease(int fd);

/// Reads SO_PEERCRED of a connected Unix socket.
int marsad_peer_credentials(int fd, marsad_ucred *out);

/// The value of SO_PEERCRED (hidden from Swift behind _GNU_SOURCE).
int marsad_so_peercred_option(void);

/// fcntl(fd, F_SETFL, flags | O_NONBLOCK) without the C variadic call.
int marsad_set_nonblocking(int fd, int on);

/// mallopt(M_ARENA_MAX, arenas): how many malloc arenas glibc may create.
int marsad_limit_malloc_arenas(int arenas);

/// malloc_trim(0): returns the heap's free memory to the system.
int marsad_malloc_trim(void);

/// renameat2(fromdir, from, todir, to, RENAME_NOREPLACE).
int marsad_renameat_noreplace(int fromdir, const char *from, int todir, const char *to);

/// Opens `path` (relative, "/"-separated) beneath the folder `dirfd`: no component may be
/// a symbolic link, "." or "..", so the result never lies outside that folder. `flags` apply
/// to the last component (O_NOFOLLOW and O_CLOEXEC are added). openat2 with
/// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where the kernel has it, else one openat per
/// component with O_NOFOLLOW (also for paths longer than PATH_MAX).
int marsad_open_beneath(int dirfd, const char *path, int flags, int mode);

/// The supplementary groups of a Unix socket's peer as they were when it connected
/// (SO_PEERGROUPS, Linux 4.13). Returns how many were written, or -1 (ERANGE: too many).
int marsad_peer_groups(int fd, uint32_t *groups, int capacity);

/// The value of SO_PEERGROUPS.
int marsad_so_peergroups_option(void);

/// The value of O_PATH (hidden from Swift behind _GNU_SOURCE).
int marsad_o_path(void);

#endif
