# The two commands of the README. Both install what is missing first (scripts/deps.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Outside the clone, so fresh clones and CI reuse one build; override to taste.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/lcs-account/target
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help deps dev test bindings

help:
	@echo "make dev       install what is missing, then run the app with tauri dev"
	@echo "make test      install what is missing, then run every check (as CI does)"
	@echo "make bindings  regenerate ui/src/bindings.ts after changing a command or event"

deps:
	@scripts/deps.sh

dev: deps
	npx tauri dev

test: deps
	@scripts/test.sh

# The app embeds the built UI, so it is built first.
bindings: deps
	npm run --silent build
	LCS_UPDATE_BINDINGS=1 cargo test --lib --features custom-protocol committed_bindings_match
