# SYNTAX TEST "source.dockerfile" "escape=` makes the backtick the continuation and escape character"
# escape=`
# <- meta.escape-backtick.dockerfile meta.directive.escape.dockerfile
#        ^ constant.character.escape.directive-value.dockerfile
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# <---- meta.escape-backtick.dockerfile keyword.other.instruction.dockerfile
COPY testfile.txt c:\
#                   ^ meta.instruction.copy.dockerfile - constant.character.escape.line-continuation.dockerfile
RUN dir c:\
# <--- keyword.other.instruction.dockerfile
RUN dir c:\ `
#           ^ constant.character.escape.line-continuation.dockerfile
    && echo done
#   ^^ meta.instruction.run.dockerfile meta.shell-form.dockerfile
ENV MSG=`"quoted`"
#       ^^ constant.character.escape.dockerfile
ENV PATH="C:\tools;${PATH}"
#           ^ string.quoted.double.dockerfile - constant.character.escape.dockerfile
#                  ^^ punctuation.definition.variable.begin.dockerfile
WORKDIR C:\app
# <------- keyword.other.instruction.dockerfile
