# SYNTAX TEST "source.dockerfile" "CMD and ENTRYPOINT: exec form is JSON, shell form is shell"
FROM node:20
ENTRYPOINT ["docker-entrypoint.sh"]
#          ^ meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#           ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.json.dockerfile
CMD ["node", "server.js"]
#    ^^^^^^ string.quoted.double.json.dockerfile
#          ^ punctuation.separator.array.dockerfile
CMD node server.js --port "$PORT"
#   ^^^^ meta.shell-form.dockerfile meta.embedded.line.shell entity.name.command.shell
#                         ^^^^^^^ meta.embedded.line.shell string.quoted.double.shell
ENTRYPOINT exec node "$@"
#          ^^^^ meta.embedded.line.shell
