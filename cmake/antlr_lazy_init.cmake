# Run after antlr4 generates the DSL's recognizers in DIR. ANTLR's C++ target
# deserializes each recognizer's ATN in a static initializer, so every
# mpijobc process paid for it at start-up (a third of a millisecond, 6 % of a
# one-spec build) though only .mpijob inputs use it. This moves it into the
# constructor as a function-local static: run once, on first use, thread-safe.
# A different antlr4 that generates other code fails the build here.
foreach(class MpiJobLexer MpiJobParser)
  set(file ${DIR}/${class}.cpp)
  file(READ ${file} text)
  set(eager "${class}::Initializer ${class}::_init;")
  string(FIND "${text}" "${eager}" eager_at)
  string(REGEX MATCH "${class}::${class}\\([A-Za-z]+ \\*input\\) : [A-Za-z]+\\(input\\) {\n" ctor "${text}")
  if(eager_at EQUAL -1 OR NOT ctor)
    message(FATAL_ERROR "${file}: not the code antlr4 4.7.2 generates; update cmake/antlr_lazy_init.cmake")
  endif()
  string(REPLACE "${eager}" "" text "${text}")
  string(REPLACE "${ctor}" "${ctor}  static Initializer init;  // cmake/antlr_lazy_init.cmake\n" text "${text}")
  file(WRITE ${file} "${text}")
endforeach()
