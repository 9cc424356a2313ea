# SYNTAX TEST "source.dockerfile" "an unknown instruction is marked invalid, and its continuation lines stay with it"
FROM alpine
FORM alpine
# <---- meta.instruction.unknown.dockerfile invalid.illegal.unknown-instruction.dockerfile
COPYY a \
# <----- invalid.illegal.unknown-instruction.dockerfile
  RUN b
# ^^^ meta.instruction.unknown.dockerfile - keyword.other.instruction.dockerfile
RUN ok
# <--- keyword.other.instruction.dockerfile
