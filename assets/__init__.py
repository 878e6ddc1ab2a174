"""Thin Dagster asset definitions: each calls the plain `gwr` package and reports metadata."""
