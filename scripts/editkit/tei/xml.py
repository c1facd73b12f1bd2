"""Small lxml helpers for building TEI: one namespace, xml:id and xml:lang, safe indentation."""

from lxml import etree

NS = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
ID = f"{{{XML}}}id"
LANG = f"{{{XML}}}lang"
CERT = {"certain": "high", "conjectural": "low"}
ATTRIBUTES = {"id": ID, "lang": LANG}  # keyword -> attribute name, where they differ

# Elements whose children are elements only: their whitespace carries no text, so they alone
# are indented. Paragraphs, headings, items and everything inside them are never touched.
STRUCTURAL = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "editionStmt", "publicationStmt",
    "availability", "licence", "sourceDesc", "bibl", "relatedItem", "extent", "listBibl", "encodingDesc",
    "editorialDecl", "correction", "normalization", "segmentation", "interpretation", "classDecl",
    "taxonomy", "category", "profileDesc", "langUsage", "particDesc", "settingDesc", "listPerson",
    "listOrg", "listPlace", "person", "org", "place", "revisionDesc", "change", "text", "front",
    "body", "back", "div", "quote", "list", "editor", "publisher", "table", "row",
}


def tei(tag):
    return f"{{{NS}}}{tag}"


def el(parent, tag, text=None, **attrs):
    """A TEI child element; attributes named id and lang become xml:id and xml:lang; None values are left out."""
    node = etree.SubElement(parent, tei(tag)) if parent is not None else etree.Element(tei(tag), nsmap={None: NS})
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        node.set(ATTRIBUTES.get(key) or key.rstrip("_"), str(value))
    if text:
        node.text = text
    return node


def indent(node, level=0, step="  "):
    """Newlines and indentation between the children of structural elements only."""
    children = list(node)
    if etree.QName(node).localname not in STRUCTURAL or not children:
        return
    if (node.text or "").strip() or any((c.tail or "").strip() for c in children):
        return  # mixed content: leave it exactly as built
    pad = "\n" + step * (level + 1)
    node.text = pad
    for child in children:
        child.tail = pad
        indent(child, level + 1, step)
    children[-1].tail = "\n" + step * level


def serialize(root):
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"
