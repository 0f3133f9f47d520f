"""All of the MkDocs glue (mkdocs.yml: `- clusteratlas`): the atlas's work before MkDocs (sitebuild/generate.py)
and after (sitebuild/postbuild.py), wired into `mkdocs build`/`serve`; static-i18n nests each further language's
build."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

from clusteratlas.errors import DataError, error_page
from clusteratlas.i18n import DEFAULT_LANG
from clusteratlas.paths import Paths, hand_written_docs, nav_files
from clusteratlas.sitebuild import generate, postbuild

log = logging.getLogger("mkdocs.plugins.clusteratlas")


class AtlasConfig(Config):
    offline = config_options.Type(bool, default=False)  # the offline bundle's build (mkdocs.yml: !ENV)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def on_startup(self, *, command, dirty):
        # Once per `mkdocs build`/`serve`: this object lives across rebuilds and nested language builds.
        self.serving = command == "serve"
        self.error = None  # the data's problems, shown on every page while serving
        self.notfound = None  # the default language's 404 page
        self.depth = 0  # static-i18n builds further languages inside the first one's post-build
        self.marked = []

    def on_config(self, config):
        # Before static-i18n's on_config (-100): the menu is the site's, from dataset/sections.py.
        self.root = Path(config.config_file_path).resolve().parent
        config.nav = nav_files()
        postbuild.prepare_engine(Paths(self.root), config.extra, offline=self.config.offline)

    def on_pre_build(self, *, config):
        self.depth += 1
        self.error = None
        try:
            generate.ensure_generated(Paths(self.root), log=log.info)
        except DataError as e:
            if not self.serving:
                raise PluginError(e.report()) from e
            # The server would hang until a good build: every page shows the report instead (not strict).
            self.error = e.report()
            mkdocs_log = logging.getLogger("mkdocs")
            for handler in list(mkdocs_log.handlers):
                if isinstance(handler, CountHandler):
                    mkdocs_log.removeHandler(handler)
            log.error(self.error)

    def on_serve(self, server, *, config, builder):
        server.unwatch(config.docs_dir)  # else the generator's own writes there start a second rebuild
        for path in hand_written_docs(Path(config.docs_dir)):
            server.watch(str(path))

    def on_page_context(self, context, *, page, config, nav):
        # Entity pages are outside the small nav: their section's index is marked as the current one.
        section_index = page.file.src_uri.rpartition("/")[0] + "/index."  # "provinces/index." (none at the top)
        self.marked = [p for p in nav.pages if page not in nav.pages and p.file.src_uri.startswith(section_index)]
        for index in self.marked:
            index.active = True  # also marks its parents (undone in on_post_page)
        return context

    def on_post_page(self, output, *, page, config):
        for index in self.marked:
            index.active = False
        return error_page(self.error, config.theme["language"]) if self.error else output

    def on_post_template(self, output, *, template_name, config):
        # Every language writes /404.html: keep the default's, put the others' at /<lang>/404.html.
        if template_name != "404.html" or self.error:
            return error_page(self.error, config.theme["language"]) if template_name == "404.html" else output
        if config.theme["language"] != DEFAULT_LANG and self.notfound:
            postbuild.keep_notfound(Path(config.site_dir), config.theme["language"], output)
            return self.notfound
        self.notfound = output
        return output

    @event_priority(-200)  # after static-i18n (0) and Material's offline plugin (-100)
    def on_post_build(self, *, config):
        self.depth -= 1
        if self.depth == 0 and not self.error:  # the outermost build finishes the whole site
            site = Path(config.site_dir)
            try:
                postbuild.finish_site(site, self.root, offline=self.config.offline, site_url=config.site_url)
            except DataError as e:
                raise PluginError(e.report()) from e
