# SYNTAX TEST "source.dockerfile" "VOLUME, USER, WORKDIR, SHELL, STOPSIGNAL"
FROM alpine
VOLUME /var/lib/data /var/log
# <------ keyword.other.instruction.dockerfile
USER ${UID:-1000}:app
#    ^^ meta.variable.braced.dockerfile punctuation.definition.variable.begin.dockerfile
#          ^^^^ meta.variable.braced.dockerfile
#                ^ punctuation.separator.user-group.dockerfile
WORKDIR "$HOME/my app"
#       ^ string.quoted.double.dockerfile
#        ^^^^^ variable.other.dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
#     ^ meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#      ^^^^^^^^^^^ string.quoted.double.json.dockerfile
STOPSIGNAL SIGQUIT
#          ^^^^^^^ constant.language.signal.dockerfile
STOPSIGNAL 9
#          ^ constant.language.signal.dockerfile
