#!/usr/bin/env python3
"""Checks layout XML (what a PDF template makes) against the vocabulary of docs/layout.md.

usage: check-layout.py LAYOUT.xml...    ("-" reads standard input)

Independent of srmap's own parser (src/pdf/layout_parse.c), so that the two can be held against each
other: elements and where they may appear, attributes and their values (lengths, colours, sizes,
numbers, the listed words), required attributes, {fields} in running headers and footers,
table shape (one thead row first, rows no wider than the table, at least one row) and that a
table's column widths add up to exactly 100% when they are all percentages, unique ids, links to
ids that exist, charts with points, and no text where only elements belong.
Prints one line per problem and exits 1 when there is any, else prints a summary and exits 0.
"""
import re
import sys
import xml.etree.ElementTree as ET

LENGTH = re.compile(r'^\d+(\.\d+)?(mm|pt|%)$')
COLOR = re.compile(r'^#[0-9A-Fa-f]{6}$')
SIZE = re.compile(r'^\d+(\.\d+)?(pt)?$')
NUMBER = re.compile(r'^\d+(\.\d+)?$')
CREATED = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
STATUSES = {'met', 'satisfied', 'partially-met', 'stale', 'not-met', 'failed', 'missing',
            'inherited', 'not-applicable', 'not-assessed', 'critical', 'high', 'medium', 'low'}

# block elements: attribute -> kind of value
BLOCKS = {
    'h1': {'id': 'id', 'toc': ('yes', 'no'), 'bookmark': ('yes', 'no'), 'bookmark-title': 'text'},
    'h2': {'id': 'id', 'toc': ('yes', 'no'), 'bookmark': ('yes', 'no'), 'bookmark-title': 'text'},
    'h3': {'id': 'id', 'toc': ('yes', 'no'), 'bookmark': ('yes', 'no'), 'bookmark-title': 'text'},
    'p': {'id': 'id', 'align': ('left', 'center', 'right', 'justify'), 'size': 'size',
          'color': 'color', 'space-after': 'length'},
    'ul': {'id': 'id'},
    'table': {'widths': 'widths', 'size': 'size', 'zebra': ('yes', 'no'), 'id': 'id'},
    'toc': {'title': 'text', 'depth': ('1', '2', '3')},
    'page-break': {},
    'keep': {'id': 'id', 'with-next': ('yes', 'no')},
    'image': {'src': 'text', 'width': 'length', 'height': 'length',
              'align': ('left', 'center', 'right'), 'id': 'id'},
    'chart': {'type': ('bar', 'stacked-bar', 'donut'), 'width': 'length', 'height': 'length',
              'title': 'text', 'max': 'number', 'unit': 'text', 'id': 'id'},
    'spacer': {'height': 'length'},
}
REQUIRED = {'image': ['src'], 'chart': ['type'], 'spacer': ['height']}
INLINE = {'b': {}, 'i': {}, 'code': {}, 'br': {}, 'link': {'to': 'text'},
          'badge': {'status': tuple(sorted(STATUSES))}}
INLINE_CONTENT = {'h1', 'h2', 'h3', 'p', 'li', 'cell'}
DOC_ATTRS = {'title': 'text', 'author': 'text', 'subject': 'text', 'keywords': 'text',
             'creator': 'text', 'page-size': ('A4', 'Letter'), 'margin-top': 'length',
             'margin-bottom': 'length', 'margin-left': 'length', 'margin-right': 'length',
             'brand-color': 'color', 'base-size': 'size', 'created': 'created',
             'lang': 'lang'}


class Checker:
    def __init__(self, name):
        self.name = name
        self.problems = []
        self.ids = {}
        self.links = []
        self.counts = {'tables': 0, 'elements': 0}

    def bad(self, path, msg):
        self.problems.append('%s: %s: %s' % (self.name, path, msg))

    def attrs(self, el, path, allowed):
        for k, v in el.attrib.items():
            if '}' in k:
                self.bad(path, 'namespaced attribute %s' % k)
                continue
            if k not in allowed:
                self.bad(path, 'unknown attribute "%s" on <%s>' % (k, el.tag))
                continue
            kind = allowed[k]
            ok = True
            if isinstance(kind, tuple):
                ok = v in kind
            elif kind == 'length':
                ok = bool(LENGTH.match(v))
            elif kind == 'color':
                ok = bool(COLOR.match(v))
            elif kind == 'size':
                ok = bool(SIZE.match(v)) and 4 <= float(v.rstrip('pt')) <= 72
            elif kind == 'number':
                ok = bool(NUMBER.match(v))
            elif kind == 'created':
                ok = bool(CREATED.match(v))
            elif kind == 'lang':
                ok = bool(re.fullmatch(r'[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*', v))
            elif kind == 'id':
                ok = v != ''
                if v in self.ids:
                    self.bad(path, 'duplicate id "%s" (first at %s)' % (v, self.ids[v]))
                self.ids.setdefault(v, path)
            if not ok:
                self.bad(path, '%s="%s" is not a valid value' % (k, v))

    def no_text(self, el, path):
        if el.text and el.text.strip():
            self.bad(path, 'text directly inside <%s>' % el.tag)
        for c in el:
            if c.tail and c.tail.strip():
                self.bad(path, 'text directly inside <%s>' % el.tag)

    def inline(self, el, path, in_link=False):
        for i, c in enumerate(el):
            if not isinstance(c.tag, str):
                continue
            cp = '%s/%s[%d]' % (path, c.tag, i + 1)
            self.counts['elements'] += 1
            if c.tag not in INLINE:
                self.bad(cp, '<%s> is not inline content' % c.tag)
                continue
            self.attrs(c, cp, INLINE[c.tag])
            if c.tag == 'link':
                if 'to' not in c.attrib:
                    self.bad(cp, '<link> needs "to"')
                elif in_link:
                    self.bad(cp, '<link> inside <link>')
                else:
                    self.links.append((cp, c.attrib['to']))
            if c.tag == 'badge' and 'status' not in c.attrib:
                self.bad(cp, '<badge> needs "status"')
            if c.tag == 'br' and (len(c) or (c.text and c.text.strip())):
                self.bad(cp, '<br> must be empty')
            self.inline(c, cp, in_link or c.tag == 'link')

    def table(self, el, path):
        self.counts['tables'] += 1
        self.no_text(el, path)
        widths = el.attrib.get('widths')
        ncols = None
        if widths is not None:
            ws = widths.split()
            if not ws or not all(LENGTH.match(w) for w in ws):
                self.bad(path, 'widths="%s" is not a list of lengths' % widths)
            else:
                ncols = len(ws)
                pct = [float(w[:-1]) for w in ws if w.endswith('%')]
                if len(pct) == len(ws) and abs(sum(pct) - 100) > 0.011:
                    self.bad(path, 'column widths add up to %.2f%%, not 100%%' % sum(pct))
                elif sum(pct) > 100.011:
                    self.bad(path, '%% widths add up to %.2f%%, more than 100%%' % sum(pct))
        rows, seen_row = 0, False
        for i, c in enumerate(el):
            cp = '%s/%s[%d]' % (path, c.tag, i + 1)
            if c.tag == 'thead':
                if seen_row:
                    self.bad(cp, '<thead> after a row')
                self.attrs(c, cp, {})
                self.no_text(c, cp)
                kids = [k for k in c]
                if len(kids) != 1 or kids[0].tag != 'row':
                    self.bad(cp, '<thead> must hold exactly one <row>')
                for k in kids:
                    self.row(k, cp + '/row[1]', ncols)
            elif c.tag == 'row':
                seen_row = True
                rows += 1
                self.row(c, cp, ncols)
            else:
                self.bad(cp, '<%s> is not allowed in <table>' % c.tag)
        if rows == 0:
            self.bad(path, 'a table without rows')

    def row(self, el, path, ncols):
        self.attrs(el, path, {'shade': 'color'})
        self.no_text(el, path)
        n = 0
        for i, c in enumerate(el):
            cp = '%s/%s[%d]' % (path, c.tag, i + 1)
            if c.tag != 'cell':
                self.bad(cp, '<%s> is not allowed in <row>' % c.tag)
                continue
            self.attrs(c, cp, {'align': ('left', 'center', 'right'), 'shade': 'color',
                               'span': 'number'})
            n += int(c.attrib.get('span', '1')) if c.attrib.get('span', '1').isdigit() else 1
            self.inline(c, cp)
        if ncols is not None and n > ncols:
            self.bad(path, 'row has %d cells (counting spans) but the table has %d columns'
                     % (n, ncols))

    def chart(self, el, path):
        self.no_text(el, path)
        points = 0
        for i, s in enumerate(el):
            sp = '%s/%s[%d]' % (path, s.tag, i + 1)
            if s.tag != 'series':
                self.bad(sp, '<%s> is not allowed in <chart>' % s.tag)
                continue
            self.attrs(s, sp, {'name': 'text', 'color': 'color'})
            self.no_text(s, sp)
            for k, p in enumerate(s):
                pp = '%s/%s[%d]' % (sp, p.tag, k + 1)
                if p.tag != 'point':
                    self.bad(pp, '<%s> is not allowed in <series>' % p.tag)
                    continue
                self.attrs(p, pp, {'label': 'text', 'value': 'number', 'color': 'color'})
                if 'label' not in p.attrib:
                    self.bad(pp, '<point> needs "label"')
                if 'value' not in p.attrib:
                    self.bad(pp, '<point> needs "value"')
                points += 1
        if points == 0:
            self.bad(path, 'a chart without points')

    def blocks(self, parent, path, ctx):
        self.no_text(parent, path)
        for i, el in enumerate(parent):
            if not isinstance(el.tag, str):
                continue
            p = '%s/%s[%d]' % (path, el.tag, i + 1)
            self.counts['elements'] += 1
            if '}' in el.tag:
                self.bad(p, 'namespaced element')
                continue
            if ctx == 'document' and el.tag in ('running-header', 'running-footer', 'cover'):
                continue
            if el.tag not in BLOCKS:
                self.bad(p, 'unknown block <%s>' % el.tag)
                continue
            if ctx in ('cover', 'keep') and el.tag in ('h1', 'toc', 'page-break'):
                self.bad(p, '<%s> cannot be inside <%s>' % (el.tag, ctx))
            if ctx == 'keep' and el.tag == 'keep':
                self.bad(p, '<keep> inside <keep>')
            self.attrs(el, p, BLOCKS[el.tag])
            for r in REQUIRED.get(el.tag, []):
                if r not in el.attrib:
                    self.bad(p, '<%s> needs "%s"' % (el.tag, r))
            if el.tag in INLINE_CONTENT:
                self.inline(el, p)
            elif el.tag == 'ul':
                self.no_text(el, p)
                for k, li in enumerate(el):
                    lp = '%s/%s[%d]' % (p, li.tag, k + 1)
                    if li.tag != 'li':
                        self.bad(lp, '<%s> is not allowed in <ul>' % li.tag)
                    else:
                        self.attrs(li, lp, {})
                        self.inline(li, lp)
            elif el.tag == 'table':
                self.table(el, p)
            elif el.tag == 'keep':
                self.blocks(el, p, 'keep')
            elif el.tag == 'chart':
                self.chart(el, p)
            elif len(el) or (el.text and el.text.strip()):
                self.bad(p, '<%s> must be empty' % el.tag)

    def check(self, root):
        if root.tag != 'document':
            self.bad('/' + root.tag, 'the root must be <document>')
            return
        self.attrs(root, '/document', DOC_ATTRS)
        for tag in ('running-header', 'running-footer', 'cover'):
            found = root.findall(tag)
            if len(found) > 1:
                self.bad('/document', 'more than one <%s>' % tag)
        for tag in ('running-header', 'running-footer'):
            for el in root.findall(tag):
                self.attrs(el, '/document/' + tag, {'left': 'text', 'center': 'text',
                                                    'right': 'text'})
                for v in el.attrib.values():
                    for f in re.findall(r'\{([^}]*)\}', v):
                        if f not in ('page', 'pages', 'title'):
                            self.bad('/document/' + tag, 'unknown field {%s}' % f)
        for el in root.findall('cover'):
            self.blocks(el, '/document/cover', 'cover')
        self.blocks(root, '/document', 'document')
        for path, to in self.links:
            if to not in self.ids:
                self.bad(path, 'link to "%s", which no element has' % to)


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = 0
    for name in sys.argv[1:]:
        try:
            tree = ET.parse(sys.stdin if name == '-' else name)
        except (ET.ParseError, OSError) as e:
            print('%s: %s' % (name, e))
            problems += 1
            continue
        c = Checker(name)
        c.check(tree.getroot())
        for p in c.problems:
            print(p)
        problems += len(c.problems)
        if not c.problems:
            print('%s: ok (%d elements, %d tables, %d ids, %d links)'
                  % (name, c.counts['elements'], c.counts['tables'], len(c.ids), len(c.links)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
