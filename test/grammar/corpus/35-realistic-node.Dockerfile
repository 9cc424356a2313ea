# SYNTAX TEST "source.dockerfile" "a realistic Node.js image with heredocs and a healthcheck"
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
#                                        ^^^ entity.name.command.shell
FROM node:20-slim
ENV NODE_ENV=production
#   ^^^^^^^^ variable.other.env.dockerfile
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY <<EOF /app/config.json
{ "port": 3000 }
# <---------------- string.unquoted.heredoc.dockerfile - meta.array.json.dockerfile
EOF
RUN <<EOF
  chown -R node:node /app
# ^^^^^ meta.embedded.line.shell
  echo ready
EOF
USER node
HEALTHCHECK CMD node -e "require(\"http\").get(\"http://localhost:3000\")"
#               ^^^^ entity.name.command.shell
CMD ["node", "server.js"]
# <--- keyword.other.instruction.dockerfile
