"""Code that runs inside an engine: the MkDocs plugin (the only place that imports MkDocs)."""
