"""Where citeproc-py 0.11.1 departs from the CSL 1.0.2 specification, fixed in one place.

`apply()` (called once, before editkit.csl first uses citeproc-py) patches citeproc-py's model classes. The
comparison test against citeproc-js (tests/test_citeproc_js.py) fails without each fix, and
tests/test_citation.py checks each fix on its own.

1. Substituted variables (citeproc-py issue 91, "Web page citation without author":
   "Yahoo. (n.d.). Yahoo.", closed without a fix). The specification, cs:substitute:
   "Substituted variables are suppressed in the rest of the output to prevent duplication."
   citeproc-py suppresses only a `cs:text variable="…"` that is itself a direct child of
   cs:substitute. When the substitute is a macro (apa.csl substitutes the macro
   `author-title-substitute` for a missing author) or a cs:names (the editor in the author's
   place), the title or the editor is printed a second time. Fixed: Substitute.render records
   every variable the winning substitute rendered (through macros, groups and choose alike) and
   suppresses those variables in the rest of the cite; Text._variable and Names.process note
   what they render while a substitute is being tried, and leave out what is suppressed.

2. Shorthand cs:names in a substitute. The specification, cs:substitute: "A shorthand version
   of cs:names without child elements, which inherits the attributes values set on the cs:name
   and cs:et-al child elements of the original cs:names element, may also be used."
   citeproc-py lets only a direct child of cs:substitute inherit; one inside a cs:choose (as
   chicago-author-date's `<names variable="editor"/>` is) is rendered with default name
   options and without the original's label ("Editorial Body" instead of "Editorial Body,
   ed."). Fixed: while a substitute is tried, a childless cs:names takes its name and label
   from the cs:names the substitute belongs to, wherever it stands in the substitute.

3. Title case on labels. The specification, text-case: title case "should only be applied
   to English-language items". citeproc-py calls the case conversion of a cs:label without a
   language, which it reads as "not English", so `text-case="title"` never applies to a
   label: APA's editor label prints "(ed.)" where the style asks for "(Ed.)". A label is a
   term of the style's locale, not text of the item: fixed by converting it in the locale's
   language (the style's default-locale, en-US when it names none).

4. The `disambiguate` condition. The specification, cs:if: `disambiguate="true"` "tests
   whether the cite needs to be disambiguated" and is true only when the style's other
   disambiguation methods did not suffice. citeproc-py ignores the attribute (`# TODO` in
   If.render), so a branch tested on it alone always renders: MLA's in-text citation then
   adds the title to every cite. The edition renders every item on its own, where no cite
   ever needs disambiguating, so the condition is false.

5. When a cs:group is suppressed. The specification, cs:group: the group is suppressed if
   "at least one rendering element in cs:group calls a variable (either directly or via a
   macro), and all variables that are called are empty". citeproc-py decides "calls" from
   the whole subtree, branches of cs:choose not taken included, so GB/T 7714's
   `[<type-id>/<medium-id>]` group vanishes whenever `medium-id`'s untaken branch names an
   empty variable ("[M]" is lost for a book without URL). Fixed: a group counts only the
   variables its rendering actually called.

6. `initialize="false"` on cs:name. The specification: "When set to "false", given names
   are no longer initialized when "initialize-with" is set." citeproc-py ignores the
   attribute: chicago-author-date and MLA print "Bush, G. W." for "Bush, George W.".

7. Title case. The specification, text-case="title": "stop words are lowercased, unless they
   are the first or last word in the string, or follow a colon. The stop words are listed in
   the CSL Schema file stop-words.json" (kept here, from the schema repository). citeproc-py
   has a shorter list of its own ("Treaty Between the United States") and also capitalizes
   a stop word after any word ending in a period ("Former U.S. And Russian"). Fixed with
   the schema's single-word stop words.

8. `punctuation-in-quote`. The specification, locale option: when "true" (en-US), "commas
   and periods following the closing quotation mark are moved inside it". citeproc-py does
   not move a delimiter's period or comma: "“Title”. Joint statement." where the style and
   locale ask for "“Title.” Joint statement.". Fixed on the rendered HTML
   (`punctuation_in_quote`), for locales that set the option.
"""

import json
import re
from pathlib import Path

from citeproc import model
from citeproc.model import VariableError

SUPPRESSED = "editkit:suppressed"   # keys of citeproc-py's per-cite `layout.repressed` dict
RECORDING = "editkit:recording"     # stack of sets: variables rendered by the substitute being tried
ORIGINAL = "editkit:names"          # stack: the cs:names whose substitute is being tried


def _state(context):
    repressed = context.get_layout().repressed
    return repressed.setdefault(SUPPRESSED, set()), repressed.setdefault(RECORDING, [])


def _note(context, variables):
    for used in _state(context)[1]:
        used.update(variables)


def _substitute_render(self, item, context=None, **kwargs):
    suppressed, recording = _state(context)
    originals = context.get_layout().repressed.setdefault(ORIGINAL, [])
    originals.append(self.getparent())
    try:
        return _try_substitutes(self, item, context, suppressed, recording, **kwargs)
    finally:
        originals.pop()


def _try_substitutes(self, item, context, suppressed, recording, **kwargs):
    text = None
    for child in self.getchildren():
        used = set()
        recording.append(used)
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            text = None
        finally:
            recording.pop()
        if text:
            suppressed.update(used)
            _note(context, used)   # an outer substitute being tried used them too
            break
    return text


_text_variable = model.Text._variable


def _text_variable_fixed(self, item, context):
    variable = self.get("variable")
    if variable in _state(context)[0]:
        _called(context, False)
        return None
    # a generated variable (year-suffix) is not "called": citeproc-py's own rule, kept
    counts = variable not in self.generated_variables
    try:
        text = _text_variable(self, item, context)
    except VariableError:
        if counts:
            _called(context, False)
        raise
    if counts:
        _called(context, text)
    if text:
        _note(context, {variable})
    return text


_names_process = model.Names.process


def _names_process_fixed(self, item, names_context=None, context=None, **kwargs):
    ctx = context if context is not None else self
    originals = ctx.get_layout().repressed.get(ORIGINAL)
    if names_context is None and len(self) == 0 and originals:
        names_context = originals[-1]   # fix 2: a shorthand cs:names inherits name and label
    declared = self.get("variable")
    roles = declared.split()
    suppressed = _state(ctx)[0]
    kept = [role for role in roles if role not in suppressed]
    if roles and not kept:
        _called(ctx, False)
        substitute = self.substitute()
        if substitute is None:
            raise VariableError
        return substitute.render(item, context=ctx, **kwargs)
    try:
        if len(kept) < len(roles):
            self.set("variable", " ".join(kept))   # only for this call: restored below
        text = _names_process(self, item, names_context=names_context, context=context, **kwargs)
    except VariableError:
        _called(ctx, False)
        raise
    finally:
        self.set("variable", declared)
    _called(ctx, text)
    if text:
        _note(ctx, {role for role in kept if role in item.reference})
    return text


def _label_markup_fixed(self, text):
    if not text:
        return None
    language = self.get_root().get("default-locale", "en-US")[:2]
    return self.wrap(self.format(self.case(self.strip_periods(text), language)))


_if_render = model.If.render


def _if_render_fixed(self, item, context=None, delimiter="", **kwargs):
    if self.get("disambiguate") == "true":
        raise model.ConditionFailed
    return _if_render(self, item, context=context, delimiter=delimiter, **kwargs)


GROUPS = "editkit:groups"           # stack of {called, rendered} for the cs:group being rendered


def _called(context, rendered):
    try:
        frames = context.get_layout().repressed.get(GROUPS)
    except IndexError:   # an element outside the layout (a locale's date): no group to tell
        return
    if frames:
        frames[-1]["called"] = True
        frames[-1]["rendered"] = frames[-1]["rendered"] or bool(rendered)


def _group_process_fixed(self, item, context=None, **kwargs):
    ctx = context if context is not None else self
    frames = ctx.get_layout().repressed.setdefault(GROUPS, [])
    frame = {"called": False, "rendered": False}
    frames.append(frame)
    output = []
    delimiter = self.get("delimiter", "")
    try:
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
    finally:
        frames.pop()
    if output and (not frame["called"] or frame["rendered"]):
        if frame["called"]:
            _called(ctx, True)   # a nested group that rendered a variable counts for its parent
        return self.join(output)
    if frame["called"]:
        _called(ctx, False)
    raise VariableError


def _counting(method):
    """Wrap an element's process() so that the enclosing group knows a variable was called."""
    def process(self, item, *args, **kwargs):
        ctx = kwargs.get("context")
        ctx = ctx if ctx is not None else self   # (an lxml element without children is falsy)
        try:
            text = method(self, item, *args, **kwargs)
        except VariableError:
            _called(ctx, False)
            raise
        _called(ctx, text)
        return text
    return process


_name_initialize = model.Name.initialize


def _name_initialize_fixed(self, given, mark, context):
    holders = [self] + self.xpath_search("./ancestor::cs:names[1]") + \
        self.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]") + [self.get_root()]
    for holder in holders:
        if holder.get("initialize") is not None:
            if holder.get("initialize") == "false":
                return given
            break
    return _name_initialize(self, given, mark, context)


_text_case = model.TextCased.case
STOP_WORDS = frozenset(w for w in json.loads((Path(__file__).with_name("stop-words.json"))
                                             .read_text(encoding="utf-8"))["stop-words"] if " " not in w)


def _text_case_fixed(self, text, language=None):
    if self.get("text-case") != "title" or language != "en":
        return _text_case(self, text, language)
    words = list(text.words())
    output = []
    prev = ""
    for i, word in enumerate(words):
        stop = str(word) in STOP_WORDS
        if word.islower() and (not stop or i == 0 or prev == ":" or i == len(words) - 1):
            word = word.capitalize_first()
        elif word.islower():
            word = word.soft_lower()
        prev = word[-1]
        output.append(word)
    return " ".join(output)


# the closing double quote only: ’ is also the apostrophe ("the States’, and")
CLOSING_QUOTE = re.compile(r"(\u201d)((?:</[a-z]+>)*)([.,])")


def punctuation_in_quote(html, root):
    """Fix 8, on rendered HTML: move a period or comma after a closing quote inside it."""
    for locale in root.locales:
        option = locale.xpath_search("./cs:style-options[@punctuation-in-quote]")
        if option:
            if option[0].get("punctuation-in-quote") == "true":
                return CLOSING_QUOTE.sub(lambda m: m.group(3) + m.group(1) + m.group(2), html)
            return html
    return html


def apply():
    if getattr(model, "_editkit_fixed", False):
        return
    model.Substitute.render = _substitute_render
    model.Text._variable = _text_variable_fixed
    model.Names.process = _names_process_fixed
    model.Label.markup = _label_markup_fixed
    model.If.render = _if_render_fixed
    model.Group.process = _group_process_fixed
    for element in (model.Date, model.Number):
        element.process = _counting(element.process)
    model.Name.initialize = _name_initialize_fixed
    model.TextCased.case = _text_case_fixed
    model._editkit_fixed = True
