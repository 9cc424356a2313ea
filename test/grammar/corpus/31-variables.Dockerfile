# SYNTAX TEST "source.dockerfile" "variables: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alt}, nested, escaped"
FROM alpine
ENV A=$B C=${D} E=${F:-default} G=${H:+alt} I=${J:-${K}} L=${M#prefix}
#     ^ variable.other.dockerfile punctuation.definition.variable.dockerfile
#      ^ variable.other.dockerfile
#          ^^ punctuation.definition.variable.begin.dockerfile
#            ^ variable.other.dockerfile
#             ^ punctuation.definition.variable.end.dockerfile
#                    ^^ keyword.operator.expansion.dockerfile
#                      ^^^^^^^ meta.variable.braced.dockerfile - variable.other.dockerfile
#                                    ^^ keyword.operator.expansion.dockerfile
#                                                  ^^ meta.variable.braced.dockerfile meta.variable.braced.dockerfile punctuation.definition.variable.begin.dockerfile
#                                                             ^ keyword.operator.expansion.dockerfile
WORKDIR /opt/\$literal
#            ^^ constant.character.escape.dockerfile
#              ^^^^^^^ - variable.other.dockerfile
