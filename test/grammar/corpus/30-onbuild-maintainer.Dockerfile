# SYNTAX TEST "source.dockerfile" "ONBUILD holds another instruction; MAINTAINER is still highlighted"
FROM node:20
ONBUILD COPY package*.json ./
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
#       ^^^^ meta.instruction.onbuild.dockerfile meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
ONBUILD RUN npm ci
#           ^^^ meta.instruction.run.dockerfile meta.embedded.line.shell entity.name.command.shell
ONBUILD FROMM x
#       ^^^^^ invalid.illegal.unknown-instruction.dockerfile
MAINTAINER Jane Doe <jane@example.com>
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
