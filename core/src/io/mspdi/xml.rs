//! A small element tree over quick-xml events, built one record (`<Task>`, `<Calendar>`,
//! …) at a time so that reading a large file never holds more than one record's tree.
//! Names and text borrow the source text where they can.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::io::IoError;

/// The deepest nesting read; MSPDI needs seven levels, so deeper input is refused before
/// it could exhaust anything.
const MAX_DEPTH: usize = 32;

const NONE: u32 = u32::MAX;

/// A cheap sort key of a name: its length and first seven bytes (names that share
/// both are told apart by comparing them whole).
pub(crate) fn key(name: &str) -> u64 {
    let b = name.as_bytes();
    let mut k = (b.len().min(255) as u64) << 56;
    for (j, c) in b.iter().take(7).enumerate() {
        k |= u64::from(*c) << (8 * (6 - j));
    }
    k
}

/// One element as stored: name, own text, where it lies in the source (byte offsets of
/// `<` and past the end tag), and its first child, last child and next sibling.
#[derive(Debug)]
struct Raw<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    span: (usize, usize),
    first: u32,
    last: u32,
    next: u32,
}

/// The elements of one record in document order (index 0 is the record itself). The
/// storage is reused from record to record, so reading a file allocates little.
#[derive(Debug, Default)]
pub(crate) struct Tree<'a> {
    nodes: Vec<Raw<'a>>,
    stack: Vec<u32>,
    /// The record's children in an open-addressing table of (name key, position), the
    /// first child of each name, for lookups by name; `bits` is its size's log2.
    index: Vec<(u64, u32)>,
    bits: u32,
}

impl<'a> Tree<'a> {
    /// The record's element.
    pub(crate) fn root(&self) -> Node<'_, 'a> {
        Node { t: self, i: 0 }
    }

    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    fn build_index(&mut self) {
        let mut n = 0usize;
        let mut i = self.nodes.first().map_or(NONE, |r| r.first);
        while i != NONE {
            n += 1;
            i = self.nodes[i as usize].next;
        }
        self.bits = (2 * n).next_power_of_two().trailing_zeros().max(4);
        self.index.clear();
        self.index.resize(1 << self.bits, (0, NONE));
        let mask = (1usize << self.bits) - 1;
        let mut i = self.nodes.first().map_or(NONE, |r| r.first);
        while i != NONE {
            let r = &self.nodes[i as usize];
            let k = key(r.name);
            let mut at = self.slot(k);
            loop {
                let (sk, si) = self.index[at];
                if si == NONE {
                    self.index[at] = (k, i);
                    break;
                }
                if sk == k && self.nodes[si as usize].name == r.name {
                    break; // keep the first child of a name
                }
                at = (at + 1) & mask;
            }
            i = r.next;
        }
    }

    fn push(&mut self, name: &'a str, at: usize) -> u32 {
        let i = self.nodes.len() as u32;
        self.nodes.push(Raw {
            name,
            text: Cow::Borrowed(""),
            span: (at, at),
            first: NONE,
            last: NONE,
            next: NONE,
        });
        if let Some(&top) = self.stack.last() {
            let parent = &mut self.nodes[top as usize];
            let prev = parent.last;
            parent.last = i;
            if prev == NONE {
                parent.first = i;
            } else {
                self.nodes[prev as usize].next = i;
            }
        }
        i
    }
}

/// An element of a [`Tree`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node<'t, 'a> {
    t: &'t Tree<'a>,
    i: u32,
}

impl<'t, 'a> Node<'t, 'a> {
    fn raw(&self) -> &'t Raw<'a> {
        &self.t.nodes[self.i as usize]
    }

    /// The local name.
    pub(crate) fn name(&self) -> &'a str {
        self.raw().name
    }

    /// The element's own text.
    pub(crate) fn text(&self) -> &'t str {
        &self.raw().text
    }

    /// Byte offsets of the element in the source.
    pub(crate) fn span(&self) -> (usize, usize) {
        self.raw().span
    }

    /// The child elements in order.
    pub(crate) fn kids(&self) -> impl Iterator<Item = Node<'t, 'a>> + 't {
        let t = self.t;
        let mut i = self.raw().first;
        std::iter::from_fn(move || {
            if i == NONE {
                return None;
            }
            let n = Node { t, i };
            i = t.nodes[i as usize].next;
            Some(n)
        })
    }

    /// The first child of that name.
    pub(crate) fn child(&self, name: &str) -> Option<Node<'t, 'a>> {
        if self.i == 0 && !self.t.index.is_empty() {
            let t = self.t;
            let k = key(name);
            let mask = t.index.len() - 1;
            let mut at = t.slot(k);
            loop {
                let (sk, si) = t.index[at];
                if si == NONE {
                    return None;
                }
                if sk == k && t.nodes[si as usize].name == name {
                    return Some(Node { t, i: si });
                }
                at = (at + 1) & mask;
            }
        }
        self.kids().find(|k| k.name() == name)
    }

    /// The trimmed text of the first child of that name, when present and not empty.
    pub(crate) fn get(&self, name: &str) -> Option<&'t str> {
        self.child(name)
            .map(|k| k.text().trim())
            .filter(|t| !t.is_empty())
    }

    /// The children of that name.
    pub(crate) fn all<'s>(&self, name: &'s str) -> impl Iterator<Item = Node<'t, 'a>> + 's
    where
        't: 's,
    {
        self.kids().filter(move |k| k.name() == name)
    }
}

/// What the cursor found next at the current level.
pub(crate) enum Item<'a> {
    /// A child element's start tag (its name and the byte offset of its `<`); the
    /// caller reads it whole with [`Cursor::node`] or steps into it with [`Cursor::enter`].
    Start(&'a str, usize),
    /// The end tag of the element the cursor is in.
    End,
    /// The end of the document.
    Eof,
}

/// A pull cursor over the document.
pub(crate) struct Cursor<'a> {
    src: &'a str,
    r: Reader<&'a [u8]>,
    /// The start event read by [`next`](Self::next) and not consumed yet.
    pending: Option<(BytesStart<'a>, bool)>,
    depth: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut r = Reader::from_str(src);
        r.config_mut().check_end_names = true;
        Cursor {
            src,
            r,
            pending: None,
            depth: 0,
        }
    }

    /// The 1-based line and column of a byte offset.
    pub(crate) fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.src.len());
        let before = &self.src.as_bytes()[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        (line, col)
    }

    fn error(&self, at: usize, message: impl Into<String>) -> IoError {
        let (line, column) = self.line_col(at);
        IoError::Xml {
            line,
            column,
            message: message.into(),
        }
    }

    /// The local name of a start tag, as a slice of the source (the reader borrows
    /// the source, so the tag's bytes lie inside it; their offset is found by address).
    fn name_of(&self, e: &BytesStart<'a>, at: usize) -> Result<&'a str, IoError> {
        let src: &'a str = self.src;
        let raw = e.local_name();
        let bytes: &[u8] = raw.as_ref();
        let off = (bytes.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
        src.get(off..off + bytes.len())
            .ok_or_else(|| self.error(at, "element name is not UTF-8"))
    }

    /// Text bytes the reader borrowed from the source, as the source's `&str` (found
    /// by address, so not validated again).
    fn borrowed(&self, bytes: Cow<'a, [u8]>, at: usize) -> Result<Cow<'a, str>, IoError> {
        match bytes {
            Cow::Borrowed(b) => {
                let src: &'a str = self.src;
                let off = (b.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
                src.get(off..off + b.len())
                    .map(Cow::Borrowed)
                    .ok_or_else(|| self.error(at, "text is not UTF-8"))
            }
            Cow::Owned(v) => String::from_utf8(v)
                .map(Cow::Owned)
                .map_err(|_| self.error(at, "text is not UTF-8")),
        }
    }

    /// The byte offset of the `<` of the tag read from `at`.
    fn lt(&self, at: usize) -> usize {
        if self.src.as_bytes().get(at) == Some(&b'<') {
            at
        } else {
            at + self.src.get(at..).and_then(|s| s.find('<')).unwrap_or(0)
        }
    }

    /// The next element start, end of the current element, or end of input, skipping
    /// text, comments, declarations and processing instructions between elements.
    pub(crate) fn next(&mut self) -> Result<Item<'a>, IoError> {
        if let Some((_, empty)) = self.pending.take() {
            // The previous start was not consumed: skip it whole.
            let at = self.r.buffer_position() as usize;
            if !empty {
                self.skip(at)?;
            }
        }
        loop {
            let at = self.r.buffer_position() as usize;
            let ev = self
                .r
                .read_event()
                .map_err(|e| self.error(self.r.error_position() as usize, e.to_string()))?;
            match ev {
                Event::Start(e) => {
                    let name = self.name_of(&e, at)?;
                    let lt = self.lt(at);
                    self.pending = Some((e, false));
                    return Ok(Item::Start(name, lt));
                }
                Event::Empty(e) => {
                    let name = self.name_of(&e, at)?;
                    let lt = self.lt(at);
                    self.pending = Some((e, true));
                    return Ok(Item::Start(name, lt));
                }
                Event::End(_) => {
                    if self.depth == 0 {
                        return Err(self.error(at, "unexpected end tag"));
                    }
                    self.depth -= 1;
                    return Ok(Item::End);
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.error(at, "the document ends inside an element"));
                    }
                    return Ok(Item::Eof);
                }
                Event::Text(t) => {
                    let s = t.decode().map_err(|e| self.error(at, e.to_string()))?;
                    if !s.trim().is_empty() && self.depth == 0 {
                        return Err(self.error(at, "text outside the root element"));
                    }
                }
                Event::DocType(_) => {
                    return Err(self.error(at, "document type declarations are not read"));
                }
                _ => {}
            }
        }
    }

    /// Steps into the element just returned by [`next`](Self::next).
    pub(crate) fn enter(&mut self) -> Result<bool, IoError> {
        match self.pending.take() {
            Some((_, false)) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    let at = self.r.buffer_position() as usize;
                    return Err(self.error(at, format!("elements nest deeper than {MAX_DEPTH}")));
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn skip(&mut self, at: usize) -> Result<(), IoError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self
                .r
                .read_event()
                .map_err(|e| self.error(self.r.error_position() as usize, e.to_string()))?
            {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.error(at, "the document ends inside an element")),
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads the element just returned by [`next`](Self::next) whole, with its
    /// children (at most `MAX_DEPTH` deep), into `tree` (whose storage is reused).
    pub(crate) fn node_into(
        &mut self,
        tree: &mut Tree<'a>,
        name: &'a str,
        lt: usize,
    ) -> Result<(), IoError> {
        let Some((_, empty)) = self.pending.take() else {
            return Err(self.error(lt, "no element to read"));
        };
        tree.nodes.clear();
        tree.stack.clear();
        tree.index.clear();
        let root = tree.push(name, lt);
        if empty {
            tree.nodes[0].span.1 = self.r.buffer_position() as usize;
            return Ok(());
        }
        tree.stack.push(root);
        loop {
            let at = self.r.buffer_position() as usize;
            let ev = self
                .r
                .read_event()
                .map_err(|e| self.error(self.r.error_position() as usize, e.to_string()))?;
            match ev {
                Event::Start(e) | Event::Empty(e) if tree.stack.len() + self.depth >= MAX_DEPTH => {
                    let _ = e;
                    return Err(self.error(at, format!("elements nest deeper than {MAX_DEPTH}")));
                }
                Event::Start(e) => {
                    let name = self.name_of(&e, at)?;
                    let i = tree.push(name, self.lt(at));
                    tree.stack.push(i);
                }
                Event::Empty(e) => {
                    let name = self.name_of(&e, at)?;
                    let i = tree.push(name, self.lt(at));
                    tree.nodes[i as usize].span.1 = self.r.buffer_position() as usize;
                }
                Event::End(_) => {
                    let Some(i) = tree.stack.pop() else {
                        return Err(self.error(at, "unexpected end tag"));
                    };
                    tree.nodes[i as usize].span.1 = self.r.buffer_position() as usize;
                    if tree.stack.is_empty() {
                        tree.build_index();
                        return Ok(());
                    }
                }
                Event::Text(t) => {
                    let s = self.borrowed(t.into_inner(), at)?;
                    push_text(tree, s);
                }
                Event::CData(t) => {
                    let s = t.decode().map_err(|e| self.error(at, e.to_string()))?;
                    push_text(tree, s);
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => {
                            let name = r.decode().map_err(|e| self.error(at, e.to_string()))?;
                            match &*name {
                                "amp" => '&',
                                "lt" => '<',
                                "gt" => '>',
                                "quot" => '"',
                                "apos" => '\'',
                                other => {
                                    return Err(self.error(at, format!("unknown entity &{other};")));
                                }
                            }
                        }
                        Err(e) => return Err(self.error(at, e.to_string())),
                    };
                    push_text(tree, Cow::Owned(c.to_string()));
                }
                Event::Eof => {
                    return Err(self.error(at, "the document ends inside an element"));
                }
                _ => {}
            }
        }
    }

    /// The source text of a span.
    pub(crate) fn slice(&self, span: (usize, usize)) -> &'a str {
        self.src.get(span.0..span.1).unwrap_or("")
    }
}

fn push_text<'a>(tree: &mut Tree<'a>, s: Cow<'a, str>) {
    let Some(&top) = tree.stack.last() else {
        return;
    };
    let top = &mut tree.nodes[top as usize];
    // Whitespace between child elements is not content.
    if top.first != NONE && s.trim().is_empty() {
        return;
    }
    if top.text.is_empty() {
        top.text = s;
    } else {
        top.text.to_mut().push_str(&s);
    }
}

/// Splits a fragment of sibling elements (as kept in [`crate::model::Foreign`]) into
/// (local name, verbatim text) pairs. Malformed fragments yield what parsed.
pub(crate) fn split_fragment(src: &str) -> Vec<(&str, &str)> {
    let mut c = Cursor::new(src);
    let mut out = vec![];
    let mut tree = Tree::default();
    while let Ok(Item::Start(name, lt)) = c.next() {
        match c.node_into(&mut tree, name, lt) {
            Ok(()) => out.push((name, c.slice(tree.root().span()))),
            Err(_) => break,
        }
    }
    out
}
