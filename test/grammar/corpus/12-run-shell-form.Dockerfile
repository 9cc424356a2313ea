# SYNTAX TEST "source.dockerfile" "RUN in shell form is shell"
FROM alpine
RUN apk add --no-cache curl && echo "done $HOME" > /tmp/log
#   ^^^ meta.shell-form.dockerfile meta.embedded.line.shell entity.name.command.shell
#             ^^^ meta.embedded.line.shell constant.other.option
#                           ^^ meta.embedded.line.shell punctuation.separator.statement.and.shell
#                              ^^^^ meta.embedded.line.shell support.function.builtin.shell
#                                   ^ meta.embedded.line.shell string.quoted.double.shell punctuation.definition.string.begin.shell
#                                         ^ meta.embedded.line.shell punctuation.definition.variable.shell
#                                                ^ meta.embedded.line.shell keyword.operator.redirect.shell
RUN set -eux; \
#   ^^^ meta.embedded.line.shell support.function.builtin.shell
    addgroup -S app
#   ^^^^^^^^ meta.embedded.line.shell entity.name.command.shell
