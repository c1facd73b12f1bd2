"""All generated files of docs/, as a mapping from path to content: pure."""

from .pages import apparatus, source, templates, text


def generate(edition, inputs, templates_text):
    """{relative path: text} for every generated file."""
    values = templates.figures(edition)
    files = {
        text.PAGE: text.render(edition, inputs.structure.get("pubdata"), _no_links),
        apparatus.PAGE: apparatus.render(edition),
        source.PAGE: source.render(edition),
    }
    for name, (path, template) in templates_text.items():
        files[name] = templates.fill(template, values, path)
    return files


def _no_links(span):
    raise KeyError(span)
