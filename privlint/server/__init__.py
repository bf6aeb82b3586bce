"""The privlint language server (`privlint server`, the optional `server` extra).

- `context`: where the cursor is (keys above it, key or value or comment), from the text alone;
- `knowledge`: what to show for a key or a value (schema, taxonomy, reference data, rule docs);
- `actions`: code actions (fixes from `privlint check --fix`, suppression comments);
- `server`: the pygls wiring — diagnostics from `privlint.lint`, debounced, per-file config.
"""
