# SYNTAX TEST "source.dockerfile" "several heredocs on one line: bodies follow one another"
FROM alpine
RUN <<FILE1 cat > /file1 && <<FILE2 cat > /file2
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
#                           ^^ keyword.operator.heredoc.dockerfile
#                             ^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
first body
# <----- meta.heredoc.dockerfile meta.embedded.line.shell
FILE1
# <----- entity.name.tag.heredoc-delimiter.dockerfile
second body FILE1
# <------ meta.heredoc.dockerfile meta.embedded.line.shell
FILE2
# <----- entity.name.tag.heredoc-delimiter.dockerfile
COPY <<A <<B <<C /dest/
#    ^^ keyword.operator.heredoc.dockerfile
#        ^^ keyword.operator.heredoc.dockerfile
#            ^^ keyword.operator.heredoc.dockerfile
a
A
# <- entity.name.tag.heredoc-delimiter.dockerfile
b
# <- string.unquoted.heredoc.dockerfile
B
# <- entity.name.tag.heredoc-delimiter.dockerfile
c
# <- string.unquoted.heredoc.dockerfile
C
# <- entity.name.tag.heredoc-delimiter.dockerfile
RUN echo done
# <--- keyword.other.instruction.dockerfile - meta.heredoc
