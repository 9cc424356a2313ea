# SYNTAX TEST "source.dockerfile" "ENV: key=value pairs, quotes, variables, the legacy form"
FROM alpine
ENV APP_HOME=/app PATH="$APP_HOME/bin:${PATH}" GREETING='hello $NOT_EXPANDED'
#   ^^^^^^^^ variable.other.env.dockerfile
#           ^ keyword.operator.assignment.dockerfile
#                 ^^^^ variable.other.env.dockerfile
#                      ^ string.quoted.double.dockerfile punctuation.definition.string.begin.dockerfile
#                       ^ string.quoted.double.dockerfile variable.other.dockerfile punctuation.definition.variable.dockerfile
#                        ^^^^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                       ^^^^ meta.variable.braced.dockerfile variable.other.dockerfile
#                                                                  ^^^^^^^^^^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
ENV LEGACY_KEY value with spaces
#   ^^^^^^^^^^ variable.other.env.dockerfile
#              ^^^^^ meta.instruction.env.dockerfile - variable.other.env.dockerfile
ENV ESCAPED=\$HOME
#           ^^ constant.character.escape.dockerfile
