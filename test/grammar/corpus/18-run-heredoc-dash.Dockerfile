# SYNTAX TEST "source.dockerfile" "<<- heredocs: the closing delimiter may be indented with tabs; << ones may not"
FROM alpine
RUN <<-EOT
#   ^^^ keyword.operator.heredoc.dockerfile
#      ^^^ entity.name.tag.heredoc-delimiter.dockerfile
	echo tabbed
	EOT
#^^^ entity.name.tag.heredoc-delimiter.dockerfile
RUN echo next
# <--- keyword.other.instruction.dockerfile - meta.heredoc
RUN <<EOT
	EOT
#^^^ meta.heredoc.dockerfile - entity.name.tag.heredoc-delimiter.dockerfile
EOT
# <--- entity.name.tag.heredoc-delimiter.dockerfile
