# SYNTAX TEST "source.dockerfile" "directives after a comment, a blank line or an instruction are comments (BuildKit stops looking)"
# a plain comment first
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive
#        ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - string.unquoted.directive-value.dockerfile
FROM alpine
# check=skip=all
# <- comment.line.number-sign.dockerfile - meta.directive
