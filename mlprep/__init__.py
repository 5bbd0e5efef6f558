"""Core of the site: load, validate and render the YAML data, with no dependency on MkDocs."""
