# SYNTAX TEST "source.dockerfile" "an unclosed quote or ${ ends with its line: the next instruction is still an instruction"
FROM alpine
ENV A="unterminated
#     ^^^^^^^^^^^^^ string.quoted.double.dockerfile
RUN echo "unterminated
# <--- keyword.other.instruction.dockerfile - string
#        ^ meta.embedded.line.shell
LABEL broken=${OOPS
# <----- keyword.other.instruction.dockerfile - string
CMD ["a", "b
# <--- keyword.other.instruction.dockerfile
EXPOSE 80
# <------ keyword.other.instruction.dockerfile - meta.array.json.dockerfile meta.variable.braced.dockerfile
