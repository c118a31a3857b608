# syntax=docker/dockerfile:1
# Dishpatch in a container: a static binary (embedded SQLite, migrations and
# web app) on a small base, running as a non-root user with pb_data as a volume.

# The web app: web/ is bundled with esbuild into pb_public/assets/.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# go:embed takes pb_public/ as it is here, so the bundle must be in place.
COPY --from=web /src/pb_public/assets ./pb_public/assets
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dishpatch .

FROM alpine:3.22
RUN adduser -D -H -u 10001 dishpatch \
 && mkdir /pb_data \
 && chown dishpatch:dishpatch /pb_data
COPY --from=build /out/dishpatch /usr/local/bin/dishpatch
USER dishpatch
ENV DISHPATCH_DATA_DIR=/pb_data
VOLUME /pb_data
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8090/api/health || exit 1
ENTRYPOINT ["dishpatch"]
CMD ["serve", "--http=0.0.0.0:8090"]
