# SYNTAX TEST "source.dockerfile" "COPY and VOLUME JSON form expand variables; ADD with --checksum and URLs"
FROM alpine
ARG SRC=app
COPY ["$SRC/file name.txt", "/dest dir/"]
#    ^ meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#      ^^^^ string.quoted.double.json.dockerfile variable.other.dockerfile
VOLUME ["/data", "${LOGS:-/logs}"]
#       ^^^^^^^ string.quoted.double.json.dockerfile
#                 ^^ meta.variable.braced.dockerfile punctuation.definition.variable.begin.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /src/
#   ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.10.1 /buildkit
#   ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                           ^ meta.instruction.add.dockerfile - comment
