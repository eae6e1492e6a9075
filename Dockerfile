# Builds the one summit binary with the SPA embedded, on Debian.
FROM node:20-bookworm AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=spa /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=1 go build -trimpath -o /out/summit ./cmd/summit

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/summit --create-home summit
COPY --from=build /out/summit /usr/local/bin/summit
USER summit
WORKDIR /var/lib/summit
ENV SUMMIT_ADDR=0.0.0.0:8080
EXPOSE 8080
# Healthy once /readyz answers 200; `summit healthcheck` asks the address in
# SUMMIT_ADDR (set it rather than --addr, so that both agree).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s CMD ["summit", "healthcheck"]
ENTRYPOINT ["summit"]
CMD ["serve"]
