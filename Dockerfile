# syntax=docker/dockerfile:1
#
# Stan załatwianych spraw — one image for every process (gateway, worker, migrate, cli).
# Stages:
#   deps     all dependencies (dev included), from package-lock.json
#   build    the TypeScript build (dist/)
#   test     dev dependencies + Debian's Chromium; runs `npm test` (docker compose run --rm test)
#   runtime  production dependencies and dist/ only, as user `node` (the default target)

# Node.js 22, the LTS line (20 reached its end of life in April 2026); the code also runs on 20.19+.
ARG NODE_IMAGE=node:22.17.0-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# The app finds templates/ and config/common-passwords.txt next to package.json, so /app is
# the project root in every stage. It belongs to `node` so that nothing runs as root.
RUN chown node:node /app
USER node
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

FROM base AS deps
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY --chown=node:node . .
RUN npm run build

FROM build AS test
USER root
# Browser tests drive Debian's Chromium with playwright-core (no browser download); the fault
# drills start PostgreSQL, Redis and PgBouncer servers of their own from Debian's binaries.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation postgresql redis-server pgbouncer \
 && rm -rf /var/lib/apt/lists/*
USER node
ENV NODE_ENV=test CI=true
CMD ["npm", "test"]

FROM base AS runtime
# NODE_ENV=production: the process refuses to start without DATABASE_URL, REDIS_URL, SMTP_URL,
# MAIL_FROM, PUBLIC_URL, JWT_SECRET and ACCESS_KEY_PEPPER (or their *_FILE variants).
ENV NODE_ENV=production
# Where Compose's `secrets` service keeps the generated secrets (a named volume). Docker gives a
# new, empty named volume the owner and mode of the image directory it is mounted on, so this
# directory must exist here and belong to `node`, or the secrets service could not write to it.
USER root
RUN mkdir -p /var/lib/case-status/secrets \
 && chown node:node /var/lib/case-status/secrets \
 && chmod 700 /var/lib/case-status/secrets
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node --from=build /app/dist ./dist
COPY --chown=node:node templates ./templates
COPY --chown=node:node config/common-passwords.txt ./config/common-passwords.txt
EXPOSE 3000
# `npm start`: gateway and every worker in one process. Compose runs the gateway and the
# workers as separate services (`npm run start:gateway`, `npm run start:worker`).
CMD ["node", "dist/services/all-in-one.main.js"]
