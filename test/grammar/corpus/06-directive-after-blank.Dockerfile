# SYNTAX TEST "source.dockerfile" "a blank first line ends the directives"

# escape=`
# <- comment.line.number-sign.dockerfile - meta.directive meta.escape-backtick
FROM alpine
RUN echo a \
    b
#   ^ meta.instruction.run.dockerfile meta.embedded.line.shell
