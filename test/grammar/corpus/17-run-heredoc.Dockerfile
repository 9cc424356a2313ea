# SYNTAX TEST "source.dockerfile" "RUN heredoc: body is shell, closing delimiter ends it, instructions inside are body"
FROM alpine
RUN <<EOF
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ entity.name.tag.heredoc-delimiter.dockerfile
set -e
# <--- meta.heredoc.dockerfile meta.embedded.block.shell meta.embedded.line.shell support.function.builtin.shell
FROM looks like an instruction
# <---- meta.heredoc.dockerfile meta.embedded.line.shell - keyword.other.instruction.dockerfile
echo "$HOME" \
#     ^ meta.embedded.line.shell punctuation.definition.variable.shell
EOF
# <--- meta.instruction.run.dockerfile meta.heredoc.dockerfile entity.name.tag.heredoc-delimiter.dockerfile
RUN echo after
# <--- keyword.other.instruction.dockerfile - meta.heredoc
RUN <<EOF bash -e
#         ^^^^ meta.heredoc.dockerfile meta.embedded.block.shell entity.name.command.shell
echo hi
EOF
  EOF
# <----- - meta.heredoc
