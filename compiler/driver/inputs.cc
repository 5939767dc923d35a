#include "driver/inputs.h"

#include <algorithm>
#include <filesystem>

#include "frontend/documents.h"

namespace mpijobc {

std::vector<SpecInput> expand_inputs(const std::vector<std::string>& args,
                                     const std::string& exclude_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exclude = fs::weakly_canonical(exclude_dir, ec);
  std::vector<SpecInput> out;
  for (const std::string& arg : args) {
    if (arg == kStdinArg || !fs::is_directory(arg, ec)) {
      out.push_back({arg, false});
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(arg, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      const fs::path& p = it->path();
      if (it->is_directory()) {
        std::string name = p.filename().string();
        if ((name.size() > 1 && name[0] == '.') || fs::weakly_canonical(p, ec) == exclude)
          it.disable_recursion_pending();
        continue;
      }
      std::string ext = p.extension().string();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".mpijob"))
        found.push_back(p.lexically_normal().generic_string());
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out.push_back({std::move(f), true});
  }
  return out;
}

}  // namespace mpijobc
