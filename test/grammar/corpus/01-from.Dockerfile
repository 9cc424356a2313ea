# SYNTAX TEST "source.dockerfile" "FROM: image, tag, digest, AS name, --platform"
FROM alpine:3.19
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
#    ^^^^^^^^^^^ entity.name.type.image.dockerfile
FROM --platform=linux/amd64 golang:1.22-bookworm AS build
#    ^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile punctuation.definition.flag.dockerfile
#      ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                           ^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                                                ^^ keyword.other.as.dockerfile
#                                                   ^^^^^ entity.name.stage.dockerfile
FROM docker.io/library/debian@sha256:0123456789abcdef AS base
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                                                     ^^ keyword.other.as.dockerfile
#                                                        ^^^^ entity.name.stage.dockerfile
FROM build
#    ^^^^^ entity.name.type.image.dockerfile
FROM scratch
#    ^^^^^^^ entity.name.type.image.dockerfile - entity.name.stage.dockerfile
