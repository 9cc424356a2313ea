# SYNTAX TEST "source.dockerfile" "HEALTHCHECK: flags, CMD in shell and exec form, NONE"
FROM nginx
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
#           ^^^^^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#                      ^^^ string.unquoted.flag-value.dockerfile
  CMD curl -fsS http://localhost/ || exit 1
# ^^^ meta.healthcheck-command.dockerfile keyword.other.instruction.dockerfile
#     ^^^^ meta.embedded.line.shell entity.name.command.shell
HEALTHCHECK CMD ["/healthcheck", "--quiet"]
#           ^^^ keyword.other.instruction.dockerfile
#               ^ meta.array.json.dockerfile
HEALTHCHECK NONE
#           ^^^^ constant.language.none.dockerfile
