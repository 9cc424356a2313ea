# SYNTAX TEST "source.dockerfile" "a single-quoted array is not JSON: marked invalid"
FROM alpine
CMD ['echo', 'hi']
#   ^^^^^^^^^^^^^^ invalid.illegal.single-quoted-array.dockerfile
ENTRYPOINT ['/entrypoint.sh']
#          ^^^^^^^^^^^^^^^^^^ invalid.illegal.single-quoted-array.dockerfile
RUN [ 'a' = 'b' ] && echo same
#   ^ - invalid.illegal.single-quoted-array.dockerfile
CMD echo 'plain shell'
#        ^ meta.embedded.line.shell string.quoted.single.shell
