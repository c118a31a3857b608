# Dishpatch has two set-up commands on a fresh machine (see README.md):
#   make run   builds the binary, loads the demo data and serves it
#   make test  runs every test: formatting, vet, Go tests, Node end-to-end tests
.PHONY: run build test

build:
	go build -o dishpatch .

run: build
	./dishpatch demo
	./dishpatch serve --http 127.0.0.1:8090

test:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet ./...
	go test ./...
	bash e2e/run.sh
