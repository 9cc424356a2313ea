# SYNTAX TEST "source.dockerfile" "line continuations, comment lines and empty lines inside a continued RUN"
FROM debian
RUN apt-get update \
#                  ^ constant.character.escape.line-continuation.dockerfile
    # comments inside a continuation are dropped by Docker
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
 && apt-get install -y curl \

    && rm -rf /var/lib/apt/lists/*
#      ^^ meta.instruction.run.dockerfile meta.embedded.line.shell entity.name.command.shell
FROM scratch
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
RUN echo one \   
#            ^ constant.character.escape.line-continuation.dockerfile
    two
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shell
ENV A=1 \
    B=2
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
