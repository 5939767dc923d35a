#include "support/file_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace mpijobc {

std::optional<std::string> read_file_text(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> text;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
  } else {
    // The size is a hint: the file may grow or shrink while it is read.
    std::string buf(std::min(st.st_size > 0 ? size_t(st.st_size) + 1 : 4096, max_bytes), '\0');
    size_t have = 0;
    for (;;) {
      if (have == buf.size()) buf.resize(std::min(buf.size() * 2, max_bytes));
      ssize_t n = have == max_bytes ? 0 : ::read(fd, buf.data() + have, buf.size() - have);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      if (n == 0) {
        buf.resize(have);
        text = std::move(buf);
        break;
      }
      have += size_t(n);
    }
  }
  int saved = errno;
  ::close(fd);
  errno = saved;
  return text;
}

}  // namespace mpijobc
