# SYNTAX TEST "source.dockerfile" "exec form: JSON arrays with strings and escapes"
FROM alpine
RUN ["/bin/sh", "-c", "echo \"hi\" \\ \u00e9 \t"]
#   ^ meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.json.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^^^^ string.quoted.double.json.dockerfile - meta.embedded
#            ^ punctuation.definition.string.end.dockerfile
#             ^ punctuation.separator.array.dockerfile
#                           ^^ constant.character.escape.json.dockerfile
#                               ^^ constant.character.escape.json.dockerfile
#                                  ^^ constant.character.escape.json.dockerfile
#                                     ^^^^^^ constant.character.escape.json.dockerfile
#                                            ^^ constant.character.escape.json.dockerfile
#                                               ^ punctuation.definition.array.end.dockerfile
CMD ["node", \
     "server.js"]
#    ^^^^^^^^^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile
#               ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT ["a\qb"]
#             ^^ invalid.illegal.escape.json.dockerfile
CMD []
#   ^^ meta.array.json.dockerfile
RUN [ -f /etc/os-release ] && echo yes
#   ^ meta.embedded.line.shell - meta.array.json.dockerfile
