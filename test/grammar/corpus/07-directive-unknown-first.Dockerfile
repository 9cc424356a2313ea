# SYNTAX TEST "source.dockerfile" "an unknown directive name ends the directives; directives need # in the first column"
# foo=bar
# <- comment.line.number-sign.dockerfile - meta.directive
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive
FROM alpine
