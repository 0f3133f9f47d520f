"""Charts: specs (the data behind each chart, plain dicts) → SVG with matplotlib, cached by content.

spec.py decides what each chart shows and says (titles, alt text, table); draw.py decides how
it looks; render.py renders only charts whose spec or style changed, on all cores.
"""
