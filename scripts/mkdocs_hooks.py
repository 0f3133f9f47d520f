"""MkDocs glue: generate docs/ from data/ before every build (and every `mkdocs serve` rebuild).

All logic lives in clusteratlas/; this file only translates its errors into MkDocs' own.
mkdocs-static-i18n runs a nested build per extra language, so this fires once per language;
the second run finds nothing changed and writes nothing.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from clusteratlas.errors import DataError
from clusteratlas.htmlfix import label_search_dialog
from clusteratlas.site import Paths, generate

log = logging.getLogger("mkdocs.hooks.clusteratlas")


def on_pre_build(config, **kwargs):
    try:
        # The project is the folder holding mkdocs.yml (tests build copies of it elsewhere).
        generate(Paths(Path(config.config_file_path).resolve().parent), log=log.info)
    except DataError as e:
        raise PluginError(e.report()) from e


def on_post_page(output, page, config):
    return label_search_dialog(output)
