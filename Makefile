# Dishpatch has two set-up commands on a fresh machine (see README.md):
#   make run   builds the binary, loads the demo data and serves it
#   make test  runs every test: formatting, vet, Go tests, Node end-to-end tests
.PHONY: run build test

# build bundles the web app (web/ -> pb_public/assets/, embedded in the
# binary) and then builds the binary.
build:
	npm --prefix web ci --no-audit --no-fund
	npm --prefix web run build
	go build -o dishpatch .

run: build
	./dishpatch demo
	./dishpatch serve --http 127.0.0.1:8090

test:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet ./...
	go test ./...
	bash e2e/run.sh
