# SYNTAX TEST "source.dockerfile" "COPY <<EOF /dest: the body is file content with variables; ADD too"
FROM alpine
COPY <<EOF /usr/share/nginx/html/index.html
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
#    ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#      ^^^ entity.name.tag.heredoc-delimiter.dockerfile
<h1>Hello from $NAME</h1>
# <---- meta.heredoc.dockerfile string.unquoted.heredoc.dockerfile
#              ^ string.unquoted.heredoc.dockerfile variable.other.dockerfile punctuation.definition.variable.dockerfile
EOF
# <--- entity.name.tag.heredoc-delimiter.dockerfile
COPY --chmod=755 <<EOF /entrypoint.sh
#    ^^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#                ^^ keyword.operator.heredoc.dockerfile
#!/bin/sh
# <- meta.heredoc.dockerfile string.unquoted.heredoc.dockerfile - comment
exec "$@"
EOF
ADD <<EOF /config.ini
#   ^^ keyword.operator.heredoc.dockerfile
[section]
# <--------- string.unquoted.heredoc.dockerfile - meta.array.json.dockerfile
EOF
CMD ["/entrypoint.sh"]
# <--- keyword.other.instruction.dockerfile - meta.heredoc
