#include "output/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

namespace mpijobc {
namespace {

// The output directory, or the nearest directory above it, opened; -1 when
// none can be.
int open_nearest(std::string dir, std::string& opened) {
  for (;;) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 || errno != ENOENT || dir == "." || dir == "/") {
      opened = dir;
      return fd;
    }
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "." : slash == 0 ? "/" : dir.substr(0, slash);
  }
}

bool same_file(int a, int b) {
  struct stat sa, sb;
  return ::fstat(a, &sa) == 0 && ::fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

OutputLock::OutputLock(const std::string& out_dir, Mode mode) {
  const int op = mode == exclusive ? LOCK_EX : LOCK_SH;
  const std::string out = out_dir.empty() ? "." : out_dir;
  bool said = false;
  for (;;) {
    std::string dir;
    int fd = open_nearest(out, dir);
    if (fd < 0) return;
    int locked = ::flock(fd, op | LOCK_NB);
    if (locked != 0 && errno == EWOULDBLOCK) {
      if (!said) std::cerr << "mpijobc: waiting for another mpijobc build using " << out << "\n";
      said = true;
      do locked = ::flock(fd, op);
      while (locked != 0 && errno == EINTR);
    }
    if (locked != 0) {  // no flock on this file system
      ::close(fd);
      return;
    }
    // The directory may have been created, or removed, while this waited:
    // the lock counts only if it is still on the nearest directory.
    std::string now;
    int check = open_nearest(out, now);
    bool current = check >= 0 && same_file(fd, check);
    if (check >= 0) ::close(check);
    if (current) {
      fd_ = fd;
      dir_ = dir;
      above_ = dir != out;
      return;
    }
    ::close(fd);
  }
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace mpijobc
