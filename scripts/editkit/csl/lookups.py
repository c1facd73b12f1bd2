"""citeproc-py's XPath lookups, answered once per element and expression.

citeproc-py finds a style's macros, terms, options and enclosing elements with an XPath query
each time it renders an element: 8,000 queries, 0.07 s of the edition's 24 renderings, most
of them the same question asked of the same element again. The style's tree does not change
while it renders (citeproc-py reads it and keeps its state in Python objects), so an element's
answer to an expression is kept, and a copy of the list is returned each time (a caller may
extend what it gets). The output is the same: the comparison with citeproc-js
(tests/test_citeproc_js.py) and tests/test_citation.py run with it.
"""


def apply():
    from citeproc.model import CitationStylesElement

    lookup = CitationStylesElement.xpath_search
    if getattr(lookup, "kept", False):
        return
    answers = {}  # (element, expression) -> [elements]; keeping the element keeps lxml's proxy

    def xpath_search(self, expression):
        key = (self, expression)
        found = answers.get(key)
        if found is None:
            found = answers[key] = lookup(self, expression)
        return list(found)

    xpath_search.kept = True
    CitationStylesElement.xpath_search = xpath_search
