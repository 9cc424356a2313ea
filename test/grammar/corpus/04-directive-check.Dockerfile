# SYNTAX TEST "source.dockerfile" "check directive with skip list and error option"
# check=skip=JSONArgsRecommended,FromAsCasing;error=true
# <- meta.directive.check.dockerfile punctuation.definition.directive.dockerfile - comment
# ^^^^^ keyword.control.directive.dockerfile
#       ^^^^ entity.other.attribute-name.check-option.dockerfile
#           ^ keyword.operator.assignment.dockerfile
#            ^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#                               ^ punctuation.separator.rule.dockerfile
#                                            ^ punctuation.separator.check-option.dockerfile
#                                             ^^^^^ entity.other.attribute-name.check-option.dockerfile
# escape=\
# <- meta.directive.escape.dockerfile
#        ^ constant.character.escape.directive-value.dockerfile
# syntax=docker/dockerfile:1
# <- meta.directive.syntax.dockerfile

FROM alpine
