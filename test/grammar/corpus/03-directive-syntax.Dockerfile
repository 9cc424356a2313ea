# SYNTAX TEST "source.dockerfile" "parser directives at the top are directives, not comments"
# syntax=docker/dockerfile:1.7
# <- meta.directive.syntax.dockerfile punctuation.definition.directive.dockerfile - comment.line.number-sign.dockerfile
# ^^^^^^ keyword.control.directive.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#SYNTAX = docker/dockerfile:1
# <- meta.directive.syntax.dockerfile - comment
#^^^^^^ keyword.control.directive.dockerfile
FROM alpine
# <---- keyword.other.instruction.dockerfile - meta.directive
