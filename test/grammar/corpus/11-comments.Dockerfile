# SYNTAX TEST "source.dockerfile" "comments are whole lines; # inside arguments is not a comment"
# a comment
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
    # an indented comment
#   ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
FROM alpine
ENV A=value#not-a-comment
#          ^^^^^^^^^^^^^^ meta.instruction.env.dockerfile - comment
LABEL description="# not a comment"
#                  ^^^^^^^^^^^^^^^ string.quoted.double.dockerfile - comment
