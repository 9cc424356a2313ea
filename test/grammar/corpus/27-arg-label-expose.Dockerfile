# SYNTAX TEST "source.dockerfile" "ARG names and defaults; LABEL keys; EXPOSE ports and protocols"
ARG VERSION=1.2.3 DEBUG
#   ^^^^^^^ variable.other.arg.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#                 ^^^^^ variable.other.arg.dockerfile
FROM alpine:${VERSION}
#           ^^ punctuation.definition.variable.begin.dockerfile
#             ^^^^^^^ variable.other.dockerfile
LABEL org.opencontainers.image.title="My app" "quoted.key"=value \
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                   ^ keyword.operator.assignment.dockerfile
#                                    ^^^^^^^^ string.quoted.double.dockerfile
#                                             ^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
      version=$VERSION
#     ^^^^^^^ entity.other.attribute-name.label.dockerfile
#             ^^^^^^^^ variable.other.dockerfile
EXPOSE 80 443/tcp 53/UDP 8000-8010/tcp $PORT
#      ^^ constant.numeric.port.dockerfile
#         ^^^ constant.numeric.port.dockerfile
#            ^ punctuation.separator.protocol.dockerfile
#             ^^^ constant.language.protocol.dockerfile
#                    ^^^ constant.language.protocol.dockerfile
#                        ^^^^^^^^^ constant.numeric.port.dockerfile
#                                      ^^^^ variable.other.dockerfile
