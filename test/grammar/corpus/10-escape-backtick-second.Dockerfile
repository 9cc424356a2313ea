# SYNTAX TEST "source.dockerfile" "escape=` after another directive, followed by more directives"
# syntax=docker/dockerfile:1
# <- meta.directive.syntax.dockerfile - meta.escape-backtick
# escape=`
# <- meta.escape-backtick.dockerfile meta.directive.escape.dockerfile
# check=skip=all
# <- meta.escape-backtick.dockerfile meta.directive.check.dockerfile - comment
# a comment ends the directives
# <- meta.escape-backtick.dockerfile comment.line.number-sign.dockerfile
FROM alpine
LABEL a=b `
      c=d
#     ^ meta.instruction.label.dockerfile entity.other.attribute-name.label.dockerfile
