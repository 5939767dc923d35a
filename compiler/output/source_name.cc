#include "output/source_name.h"

#include <filesystem>

namespace mpijobc {

std::string source_name(const std::string& spec_path, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path spec = fs::absolute(spec_path, ec);
  fs::path dir = fs::weakly_canonical(spec.parent_path(), ec);
  spec = dir / spec.filename();
  for (fs::path up = dir;; up = up.parent_path()) {
    if (fs::exists(up / ".git", ec)) return spec.lexically_relative(up).generic_string();
    if (up == up.root_path()) break;
  }
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir.empty() ? "." : out_dir, ec), ec);
  if (!out.has_filename()) out = out.parent_path();  // "deploy/"
  return spec.lexically_relative(out).generic_string();
}

}  // namespace mpijobc
