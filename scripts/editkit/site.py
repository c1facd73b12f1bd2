"""All generated files of docs/, as a mapping from path to content: pure."""

from . import exports, hook_data, reading_data
from .tei import principles
from .pages import apparatus, bibliography, changelog, glossary, source, templates, text


def generate(edition, inputs, templates_text):
    """{relative path: text} for every generated file."""
    values = templates.figures(edition)
    pages = {name: templates.fill(template, values, path) for name, (path, template) in templates_text.items()}
    edition.principles = principles.from_about(pages.get("about.md", ""))  # the TEI header states them
    files = {
        text.PAGE: text.render(edition, inputs.structure, links(edition)),
        apparatus.PAGE: apparatus.render(edition),
        source.PAGE: source.render(edition),
        glossary.PAGE: glossary.render(edition),
        bibliography.PAGE: bibliography.render(edition),
        changelog.PAGE: changelog.render(edition.meta),
        **exports.files(edition),
        **reading_data.files(edition),
        **hook_data.files(edition),  # what the MkDocs hooks read (docs/.site.json)
    }
    files.update(pages)
    return files


def links(edition):
    """What a glossary term or a document mention links to, and its hover text."""
    terms = {t.id: t for t in edition.glossary}
    items = {i["id"]: i for i in edition.bibliography}

    def look(span):
        if span.kind == "term":
            t = terms[span.ref]
            return {"href": f"glossary.html#{t.id}"}  # the gloss: reading.js, from generated/glosses.js
        item = items[span.ref]
        date = "-".join(str(p) for p in (item.get("issued", {}).get("date-parts") or [[]])[0])
        return {"href": f"bibliography.html#{item['id']}",
                "title": f"引用文獻：{item['title']}" + (f"（{date}）" if date else "")}
    return look
