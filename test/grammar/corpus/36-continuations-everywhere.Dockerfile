# SYNTAX TEST "source.dockerfile" "FROM, COPY and flags split over continuation lines; comments between instructions"
FROM \
    --platform=linux/arm64 \
#   ^^^^^^^^^^ meta.instruction.from.dockerfile entity.other.attribute-name.flag.dockerfile
    python:3.12-slim \
#   ^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
    AS app
#   ^^ keyword.other.as.dockerfile
#      ^^^ entity.name.stage.dockerfile
# comment between instructions
# <- comment.line.number-sign.dockerfile - meta.instruction
COPY \
  --chown=1000:1000 \
#   ^^^^^ entity.other.attribute-name.flag.dockerfile
  requirements.txt /app/
RUN pip install \
      --no-cache-dir \
#     ^^^^^^^^^^^^^^ meta.shell-form.dockerfile meta.embedded.line.shell - meta.flag.dockerfile
      -r /app/requirements.txt
CMD ["python", \
     # a comment inside the array
#    ^ comment.line.number-sign.dockerfile
     "-m", "app"]
#    ^^^^ string.quoted.double.json.dockerfile
