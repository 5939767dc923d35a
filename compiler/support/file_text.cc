#include "support/file_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace mpijobc {
namespace {

// Reads `fd` to its end, or to `max_bytes`; nullopt with errno on an error
// (a directory cannot be read).
std::optional<std::string> read_fd(int fd, size_t max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return std::nullopt;
  }
  // The size is a hint: the file may grow or shrink while it is read, and
  // pipes have none.
  std::string buf(std::min(st.st_size > 0 ? size_t(st.st_size) + 1 : 4096, max_bytes), '\0');
  size_t have = 0;
  for (;;) {
    if (have == buf.size()) buf.resize(std::min(buf.size() * 2, max_bytes));
    ssize_t n = have == max_bytes ? 0 : ::read(fd, buf.data() + have, buf.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) {
      buf.resize(have);
      return buf;
    }
    have += size_t(n);
  }
}

}  // namespace

std::optional<std::string> read_file_text(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> text = read_fd(fd, max_bytes);
  int saved = errno;
  ::close(fd);
  errno = saved;
  return text;
}

std::optional<std::string> read_stdin_text(size_t max_bytes) {
  return read_fd(STDIN_FILENO, max_bytes);
}

}  // namespace mpijobc
