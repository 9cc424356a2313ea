# SYNTAX TEST "source.dockerfile" "a heredoc after a command: the command is shell, the opener is a heredoc"
FROM python:3.12
RUN python3 <<EOF
#   ^^^^^^^ meta.shell-form.dockerfile meta.embedded.line.shell entity.name.command.shell
#           ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
print("hi")
# <----- meta.heredoc.dockerfile
EOF
# <--- entity.name.tag.heredoc-delimiter.dockerfile
RUN cat <<EOF > /etc/app.conf
#         ^^^ entity.name.tag.heredoc-delimiter.dockerfile
#             ^ meta.heredoc.dockerfile meta.embedded.block.shell keyword.operator.redirect.shell
key=value
EOF
RUN cat <<< "here-string, not a heredoc"
#       ^^^ - keyword.operator.heredoc.dockerfile
RUN echo $((1<<2))
#             ^^ - keyword.operator.heredoc.dockerfile
EXPOSE 80
# <------ keyword.other.instruction.dockerfile
