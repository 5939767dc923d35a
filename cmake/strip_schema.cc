// Build step: writes the JSON Schema IN to OUT as compact JSON without the
// annotations no validator reads (support/schema_walk.h), for embedding;
// with DEFINITION, only the schema of that definition and those it reaches.
// mpijobc parses its schemas at every start; `mpijobc schema` still prints
// the original file, descriptions and all.
#include <fstream>
#include <iostream>

#include "support/schema_walk.h"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: strip_schema IN OUT [DEFINITION]\n";
    return 2;
  }
  try {
    std::ifstream in(argv[1]);
    nlohmann::json schema = nlohmann::json::parse(in);
    mpijobc::strip_annotations(schema);
    if (argc == 4) schema = mpijobc::entry_schema(schema, argv[3]);
    std::ofstream out(argv[2], std::ios::binary);
    out << schema.dump();
    if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << argv[1] << ": " << e.what() << '\n';
    return 1;
  }
}
