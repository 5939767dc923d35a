// Any bytes as a template (build --templates DIR reads the user's own): the
// parser either returns a template or a "LINE:COL: message" error, and
// rendering it with data of every kind neither crashes nor trips a
// sanitizer, stops at its size limit, and gives the same result twice.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "render/mustache.h"
#include "render/templates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto tmpl = mpijobc::MustacheTemplate::parse(text, error);
  if (!tmpl) {
    if (error.empty() || error.find(": ") == std::string::npos) std::abort();
    return 0;
  }
  mpijobc::TemplateData values;
  values["a"] = "it's $(x)";
  values["b"] = true;
  values["c"] = false;
  values["list"] = mpijobc::string_list({"x", "y z", ""});
  values["obj"]["a"] = "inner";
  values["obj"]["list"] = mpijobc::TemplateData::list();
  values["obj"]["list"].push_back(values["obj"]);
  // A small limit: nested sections over lists multiply the output. Asking
  // for the names that found no value must not change what is rendered.
  std::vector<mpijobc::MustacheTemplate::Unresolved> unresolved;
  std::optional<std::string> first = tmpl->render(values, mpijobc::shell_quote, &unresolved, 1 << 20);
  if (first != tmpl->render(values, mpijobc::shell_quote, nullptr, 1 << 20)) std::abort();
  if (text.find("{{") == std::string::npos && first != text) std::abort();
  return 0;
}
