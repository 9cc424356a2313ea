# SYNTAX TEST "source.dockerfile" "quoted heredoc delimiters; COPY bodies keep $VAR literal when quoted"
FROM alpine
RUN <<"EOF"
#     ^ punctuation.definition.string.begin.dockerfile
#      ^^^ entity.name.tag.heredoc-delimiter.dockerfile
#         ^ punctuation.definition.string.end.dockerfile
echo "$HOME"
EOF
# <--- entity.name.tag.heredoc-delimiter.dockerfile
COPY <<'END' /etc/motd
#      ^ punctuation.definition.string.begin.dockerfile
#       ^^^ entity.name.tag.heredoc-delimiter.dockerfile
Hello $USER
#     ^^^^^ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
END
# <--- entity.name.tag.heredoc-delimiter.dockerfile
