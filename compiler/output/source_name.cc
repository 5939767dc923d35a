#include "output/source_name.h"

namespace mpijobc {
namespace fs = std::filesystem;

namespace {

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p.empty() ? "." : p, ec), ec);
  return r.has_filename() ? r : r.parent_path();  // "deploy/"
}

}  // namespace

SourceNamer::SourceNamer(const std::string& out_dir) : out_(resolved(out_dir)) {}

std::string SourceNamer::operator()(const std::string& spec_path) const {
  fs::path spec(spec_path);
  std::string given = spec.parent_path().string();
  std::unique_lock<std::mutex> lock(mutex_);
  auto [it, added] = dirs_.try_emplace(given);
  if (added) {
    fs::path dir = resolved(given), base = out_;
    std::error_code ec;
    for (fs::path up = dir;; up = up.parent_path()) {
      if (fs::exists(up / ".git", ec)) {
        base = up;
        break;
      }
      if (up == up.root_path()) break;
    }
    it->second = dir.lexically_relative(base);
  }
  return (it->second / spec.filename()).lexically_normal().generic_string();
}

}  // namespace mpijobc
