// The mpijobc DSL (.mpijob files): several jobs per file, each a block of
// `key value` entries that say what a YAML spec says (docs/dsl.md).
//
//   MPIJob pi {
//     namespace training
//     image "ghcr.io/acme/mpi-pi:0.3"
//     command ["python", "/workspace/pi.py"]
//     worker { replicas 2, limits { cpu 1, mem 1Gi } }
//     run_policy { ttl_seconds_after_finished 1h }
//   }
//
// CMake runs the antlr4 tool on this file at build time (compiler/dsl/).
// compiler/dsl/lexer.cc applies the lexer rules below by hand, checked
// against the lexer generated here: change them together.
// The parse tree is turned into dsl::File (compiler/dsl/ast.h); meaning
// (metadata routing, durations, duplicate keys) is given there, not here.
grammar MpiJob;

file  : job* EOF ;
job   : kind=WORD name=(WORD | STRING) block ;
block : '{' (entry ','?)* '}' ;
entry : key=(WORD | STRING) value? ;  // a missing value is reported after parsing
value : scalar | block | list ;
list  : '[' (value (',' value)* ','?)? ']' ;
scalar: WORD | STRING | INT | FLOAT | UNIT ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COMMA    : ',' ;

// Numbers are spelled as YAML 1.2 spells them (its core schema), so that a
// bare scalar means the same in both syntaxes (compiler/support/plain_scalar.h).
// FLOAT's first form also matches what INT does: INT, first, wins.
INT    : [+-]? DIGIT+ | '0o' [0-7]+ | '0x' [0-9a-fA-F]+ ;
FLOAT  : [+-]? (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) EXPONENT?
       | [+-]? '.' ('inf' | 'Inf' | 'INF')
       | '.' ('nan' | 'NaN' | 'NAN') ;
// A number with a unit: a Kubernetes quantity (4Gi, 500m) or a duration
// (90s, 30min, 1h, 2d).
UNIT   : DIGIT+ ('.' DIGIT+)? [a-zA-Z]+ ;
// Words: names, enum values, environment variable names; true, null and the
// other spellings YAML gives booleans and null (True, FALSE, NULL, ...).
WORD   : [a-zA-Z_] [a-zA-Z0-9_.-]* ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;

COMMENT : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
SPACE   : [ \t\r\n]+ -> skip ;

// Tokens that only exist to be reported well (compiler/dsl/syntax_errors.cc).
// ANTLR takes the longest match, then the first rule: these only win where
// nothing above matches as much.
OPEN_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;  // no closing quote on its line
SINGLE_QUOTED : '\'' ~['\r\n]* '\'' ;
BAD_NUMBER  : [+-]? '.'? DIGIT ~[ \t\r\n,{}[\]"#]* ; // 1e3Gi, 3d-unet, 1.2.3, .5Gi, 1_000
BAD_WORD    : [a-zA-Z_.+-] ~[ \t\r\n,{}[\]"#]* ;    // --epochs, app.kubernetes.io/name, key:, .infinity
BAD_CHAR    : . ;

fragment DIGIT    : [0-9] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
