// Builds into one output directory take turns: a build holds an exclusive
// flock(2) on the directory itself (no lock file is written), `build
// --check` a shared one; before the directory exists, the lock is on the
// nearest directory above it, where the build stages it. The kernel
// releases the lock when its process ends, however it ends. A build that
// has to wait says so on stderr. Where the file system has no flock (some
// NFS setups refuse an exclusive lock on a directory), builds go unlocked.
#pragma once

#include <string>

namespace mpijobc {

class OutputLock {
 public:
  enum Mode { shared, exclusive };
  OutputLock(const std::string& out_dir, Mode mode);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  // The directory locked: the output directory, the nearest one above it
  // while it does not exist, or "" when nothing could be locked.
  const std::string& dir() const { return dir_; }
  // Whether dir() is above the output directory, which did not exist.
  bool above() const { return above_; }

 private:
  int fd_ = -1;
  std::string dir_;
  bool above_ = false;
};

}  // namespace mpijobc
