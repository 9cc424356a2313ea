# SYNTAX TEST "source.dockerfile" "an indented directive is a comment"
  # syntax=docker/dockerfile:1
# ^ comment.line.number-sign.dockerfile - meta.directive
FROM alpine
