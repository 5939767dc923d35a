#include "output/check.h"

#include <filesystem>
#include <unordered_set>

#include "output/existing.h"
#include "output/scan.h"

namespace mpijobc {

CheckResult check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files) {
  CheckResult result;
  std::unordered_set<std::string> produced;
  for (const OutputFile& f : files) {
    produced.insert(f.path);
    switch (existing_output((std::filesystem::path(out_dir) / f.path).string(), f.content)) {
      case Existing::none: result.missing.push_back(f.path); break;
      case Existing::generated: result.stale.push_back(f.path); break;
      case Existing::other: result.conflict.push_back(f.path); break;
      case Existing::same: break;
    }
  }
  result.extra = scan_outputs(out_dir, produced).extra;
  return result;
}

}  // namespace mpijobc
