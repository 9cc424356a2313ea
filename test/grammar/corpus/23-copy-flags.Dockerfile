# SYNTAX TEST "source.dockerfile" "COPY flags: --from, --chown, --chmod, --link, --parents, --exclude"
FROM alpine AS build
FROM scratch
COPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/local/bin/app
#    ^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#           ^^^^^ string.unquoted.flag-value.dockerfile
#                 ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                         ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                 ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                              ^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#                                                     ^^^^^^^^ meta.instruction.copy.dockerfile - meta.flag.dockerfile
COPY --parents --exclude=*.md ./docs/ /site/
#    ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#              ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                        ^^^^ string.unquoted.flag-value.dockerfile
COPY --from=ghcr.io/org/tool:1.2 /tool /tool
#           ^^^^^^^^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
