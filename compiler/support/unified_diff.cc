#include "support/unified_diff.h"

#include <algorithm>
#include <vector>

namespace mpijobc {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

struct Edit {
  char op;  // ' ', '-', '+'
  size_t a, b;  // line indexes in before/after (the one that applies)
};

// The edit script of a longest common subsequence.
std::vector<Edit> edits(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<Edit> out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) out.push_back({' ', i++, j++});
    else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) out.push_back({'-', i++, j});
    else out.push_back({'+', i, j++});
  }
  return out;
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& before_label, const std::string& after_label) {
  if (before == after) return {};
  std::vector<std::string> a = lines_of(before), b = lines_of(after);
  std::vector<Edit> script = edits(a, b);
  const size_t context = 3;
  std::string out = "--- " + before_label + "\n+++ " + after_label + "\n";
  std::vector<size_t> changes;
  for (size_t k = 0; k < script.size(); ++k)
    if (script[k].op != ' ') changes.push_back(k);
  // Changes closer than 2 x context lines share a hunk.
  for (size_t c = 0; c < changes.size();) {
    size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] <= 2 * context) ++last;
    size_t begin = changes[c] >= context ? changes[c] - context : 0;
    size_t end = std::min(script.size(), changes[last] + context + 1);
    size_t a_len = 0, b_len = 0;
    std::string body;
    for (size_t e = begin; e < end; ++e) {
      const Edit& ed = script[e];
      body += ed.op + (ed.op == '+' ? b[ed.b] : a[ed.a]) + "\n";
      a_len += ed.op != '+';
      b_len += ed.op != '-';
    }
    size_t a_start = script[begin].a, b_start = script[begin].b;
    out += "@@ -" + std::to_string(a_len ? a_start + 1 : a_start) + "," + std::to_string(a_len) +
           " +" + std::to_string(b_len ? b_start + 1 : b_start) + "," + std::to_string(b_len) +
           " @@\n" + body;
    c = last + 1;
  }
  return out;
}

}  // namespace mpijobc
