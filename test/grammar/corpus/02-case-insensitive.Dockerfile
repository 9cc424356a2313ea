# SYNTAX TEST "source.dockerfile" "every instruction keyword is case-insensitive"
from alpine as build
# <---- keyword.other.instruction.dockerfile
#           ^^ keyword.other.as.dockerfile
#              ^^^^^ entity.name.stage.dockerfile
FrOm alpine
# <---- keyword.other.instruction.dockerfile
run echo hi
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
cmd ["sh"]
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
entrypoint ["sh"]
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
copy a b
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
add a b
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
env A=1
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
arg B
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
label a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
expose 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
volume /data
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
user app
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
workdir /app
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
shell ["/bin/bash", "-c"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
stopsignal SIGTERM
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
healthcheck NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
onbuild run make
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
#       ^^^ meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
maintainer someone
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
  RUN indented
# ^^^ keyword.other.instruction.dockerfile
