# SYNTAX TEST "source.dockerfile" "RUN flags: --mount with options, --network, --security"
FROM golang:1.22
RUN --mount=type=cache,target=/root/.cache/go-build \
#   ^^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#           ^^^^ string.unquoted.flag-value.dockerfile entity.other.attribute-name.option.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^^^^ string.unquoted.flag-value.dockerfile
#                     ^ punctuation.separator.option.dockerfile
#                      ^^^^^^ entity.other.attribute-name.option.dockerfile
    --mount=type=secret,id=npmrc,target=/root/.npmrc \
#   ^^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
    --network=none \
#   ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#             ^^^^ string.unquoted.flag-value.dockerfile
    go build -o /out/app ./...
#   ^^ meta.shell-form.dockerfile meta.embedded.line.shell entity.name.command.shell
#            ^^ meta.embedded.line.shell - meta.flag.dockerfile
RUN --security=insecure --mount=type=bind,from=build,source=/out,target=/in cp /in/app /app
#   ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                         ^^^^ entity.other.attribute-name.option.dockerfile
#                                                                           ^^ meta.embedded.line.shell entity.name.command.shell
