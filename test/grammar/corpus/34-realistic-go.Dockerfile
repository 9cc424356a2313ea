# SYNTAX TEST "source.dockerfile" "a realistic multi-stage Go build with cache mounts"
# syntax=docker/dockerfile:1
# <- meta.directive.syntax.dockerfile

ARG GO_VERSION=1.22
# <--- keyword.other.instruction.dockerfile
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
#                ^^^^^^^^^^^^^ variable.other.dockerfile
#                                       ^^^^^^^^^^ entity.name.type.image.dockerfile variable.other.dockerfile
#                                                             ^^^^^ entity.name.stage.dockerfile
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    --mount=type=bind,source=go.mod,target=go.mod \
    go mod download -x
#   ^^ meta.shell-form.dockerfile entity.name.command.shell
ARG TARGETOS TARGETARCH
#   ^^^^^^^^ variable.other.arg.dockerfile
#            ^^^^^^^^^^ variable.other.arg.dockerfile
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /bin/server .
#   ^^^^^^^^^^^ meta.embedded.line.shell

FROM alpine:3.19 AS final
# <---- keyword.other.instruction.dockerfile
RUN --mount=type=cache,target=/var/cache/apk \
    apk --update add ca-certificates tzdata && update-ca-certificates
#   ^^^ entity.name.command.shell
ARG UID=10001
RUN adduser --disabled-password --gecos "" --uid "${UID}" appuser
USER appuser
COPY --from=build /bin/server /bin/
#    ^^^^^^ entity.other.attribute-name.flag.dockerfile
EXPOSE 8080
ENTRYPOINT [ "/bin/server" ]
#          ^ meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#            ^^^^^^^^^^^^^ string.quoted.double.json.dockerfile
