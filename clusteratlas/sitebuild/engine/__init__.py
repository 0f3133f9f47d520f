"""Running the static-site engines from the atlas's own process: MkDocs and Zensical builds (runs.py) and
the Zensical command (zensical.py). What runs inside MkDocs is clusteratlas/glue/."""
