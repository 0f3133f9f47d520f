"""One module per entry of the menu (dataset/sections.NAV): what its pages show. Each declares KINDS,
its page kinds (pages/kinds.py collects them by the menu's names)."""
