"""UI strings are data, not code (hostile inputs, round 3): templates/strings.yaml may hold only
bare {name} placeholders (and the plural {n|one|other}); anything str.format would evaluate is
refused at load with file:line, a typo'd name is a located message, HTML is refused."""

import pytest

from .conftest import run_cli
from .helpers import line_of, replace_in

ORIGINAL = "**{total}** {total|cluster|clusters} won the initial rounds"


@pytest.mark.parametrize(
    "placeholder, shown",
    [
        ("{total.join.__globals__[os].environ}", "'{total.join.__globals__[os].environ}'"),
        ("{total[0]}", "'{total[0]}'"),
        ("{total:d}", "'{total:d}'"),
        ("{total!r}", "'{total!r}'"),
    ],
)
def test_a_placeholder_that_is_not_a_plain_name_is_refused_at_load(project, placeholder, shown):
    strings = project / "templates/strings.yaml"
    replace_in(strings, ORIGINAL, ORIGINAL.replace("**{total}**", placeholder))
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1, result.stdout
    line = line_of(strings, "home.fig_winners:")
    assert (
        f"templates/strings.yaml:{line}: [home.fig_winners.en] placeholder {shown} is not a plain name" in result.stderr
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_a_misspelt_placeholder_is_a_located_message_naming_the_right_ones(project):
    strings = project / "templates/strings.yaml"
    replace_in(strings, ORIGINAL, ORIGINAL.replace("**{total}**", "**{totl}**"))
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1
    line = line_of(strings, "home.fig_winners:")
    assert (
        f"templates/strings.yaml:{line}: [home.fig_winners.en] placeholder {{totl}} is not given to this string"
        in result.stderr
    )
    assert "{total}" in result.stderr and "internal error" not in result.stderr


def test_html_in_a_ui_string_is_refused(project):
    strings = project / "templates/strings.yaml"
    replace_in(strings, 'cite.heading: {zh: "引用本页"', 'cite.heading: {zh: "<img src=x onerror=alert(1)>引用本页"')
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert "[cite.heading.zh] contains HTML" in result.stderr


@pytest.mark.parametrize(
    "mistake, line, message",
    [
        ("{{ title } · {{ site }}", 8, "TemplateSyntaxError: unexpected '}'"),
        ("{{ titel }} · {{ site }}", 8, "UndefinedError: 'titel' is undefined"),
    ],
)
def test_a_mistake_in_the_embed_template_is_its_file_and_line(project, mistake, line, message):
    # templates/embed.html.j2 is edited by people like the page templates: the same located message.
    template = project / "templates/embed.html.j2"
    replace_in(template, "{{ title }} · {{ site }}", mistake)
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert f"templates/embed.html.j2:{line}: {message}" in result.stderr


@pytest.mark.parametrize("marker", ["{{{{ 1 }}}}", "{{% if x %}}", "{{#"])
def test_a_template_marker_a_ui_string_would_write_is_a_located_refusal(project, marker):
    """Round 3's leftover: '{{' in a UI string was "internal error: … unrendered template marker"."""
    strings = project / "templates/strings.yaml"
    replace_in(strings, 'cite.heading: {zh: "引用本页"', f'cite.heading: {{zh: "引用本页{marker}"')
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1, result.stdout
    line = line_of(strings, "cite.heading:")
    assert f"templates/strings.yaml:{line}: [cite.heading.zh] would write a template marker" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
