#include "output/scan.h"

#include <algorithm>
#include <filesystem>

#include "output/existing.h"
#include "output/staging_names.h"
#include "support/file_text.h"

namespace mpijobc {
namespace fs = std::filesystem;

OutputScan scan_outputs(const std::string& out_dir, const std::unordered_set<std::string>& produced) {
  OutputScan scan;
  const std::string base = (fs::path(out_dir.empty() ? "." : out_dir) / "").string();
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::skip_permission_denied, ec); !ec && it != fs::end(it); it.increment(ec)) {
    const std::string path = it->path().string();
    const std::string name = it->path().filename().string();
    if (name[0] == '.') {
      if (is_left_over(name)) scan.left_over.push_back(path);
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // The entry's type as the directory listed it: no system call.
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::string rel = path.substr(base.size());
    if (produced.count(rel)) continue;
    std::optional<std::string> head = read_file_text(path, kHeadBytes);
    if (head && is_generated(*head)) scan.extra.push_back(std::move(rel));
  }
  std::sort(scan.extra.begin(), scan.extra.end());
  return scan;
}

std::vector<std::string> left_over_in(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir.empty() ? "." : dir, ec); !ec && it != fs::end(it); it.increment(ec))
    if (is_left_over(it->path().filename().string())) found.push_back(it->path().string());
  return found;
}

}  // namespace mpijobc
