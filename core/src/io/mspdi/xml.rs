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

/// One element: its local name, its own text, its child elements and where it lies in
/// the source (byte offsets of `<` and past `>` of the end tag).
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub(crate) name: &'a str,
    pub(crate) text: Cow<'a, str>,
    pub(crate) kids: Vec<Node<'a>>,
    pub(crate) span: (usize, usize),
}

impl<'a> Node<'a> {
    /// The first child of that name.
    pub(crate) fn child(&self, name: &str) -> Option<&Node<'a>> {
        self.kids.iter().find(|k| k.name == name)
    }

    /// The trimmed text of the first child of that name, when present and not empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|k| k.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// The children of that name.
    pub(crate) fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node<'a>> + 's {
        self.kids.iter().filter(move |k| k.name == name)
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

    /// The local name of the tag starting at byte `at` (its `<`), borrowed from the source.
    fn name_of(&self, _e: &BytesStart<'a>, at: usize) -> Result<&'a str, IoError> {
        let src: &'a str = self.src;
        let rest = src.get(at..).unwrap_or("");
        let lt = rest
            .find('<')
            .ok_or_else(|| self.error(at, "expected a tag"))?;
        let tag = &rest[lt + 1..];
        let end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(tag.len());
        let name = &tag[..end];
        Ok(match name.find(':') {
            Some(i) => &name[i + 1..],
            None => name,
        })
    }

    /// The next element start, end of the current element, or end of input, skipping
    /// text, comments, declarations and processing instructions between elements.
    pub(crate) fn next(&mut self) -> Result<Item<'a>, IoError> {
        if let Some((e, empty)) = self.pending.take() {
            // The previous start was not consumed: skip it whole.
            let at = self.r.buffer_position() as usize;
            if !empty {
                self.skip(at)?;
            }
            let _ = e;
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
                    let lt = at + self.src.get(at..).and_then(|s| s.find('<')).unwrap_or(0);
                    self.pending = Some((e, false));
                    return Ok(Item::Start(name, lt));
                }
                Event::Empty(e) => {
                    let name = self.name_of(&e, at)?;
                    let lt = at + self.src.get(at..).and_then(|s| s.find('<')).unwrap_or(0);
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
    /// children (at most `MAX_DEPTH` deep).
    pub(crate) fn node(&mut self, name: &'a str, lt: usize) -> Result<Node<'a>, IoError> {
        let Some((_, empty)) = self.pending.take() else {
            return Err(self.error(lt, "no element to read"));
        };
        let mut stack: Vec<Node<'a>> = vec![Node {
            name,
            text: Cow::Borrowed(""),
            kids: vec![],
            span: (lt, lt),
        }];
        if empty {
            let mut n = stack.pop().unwrap_or_else(|| unreachable_node(name));
            n.span.1 = self.r.buffer_position() as usize;
            return Ok(n);
        }
        loop {
            let at = self.r.buffer_position() as usize;
            let ev = self
                .r
                .read_event()
                .map_err(|e| self.error(self.r.error_position() as usize, e.to_string()))?;
            match ev {
                Event::Start(e) | Event::Empty(e) if stack.len() + self.depth >= MAX_DEPTH => {
                    let _ = e;
                    return Err(self.error(at, format!("elements nest deeper than {MAX_DEPTH}")));
                }
                Event::Start(e) => {
                    let name = self.name_of(&e, at)?;
                    let lt = at + self.src.get(at..).and_then(|s| s.find('<')).unwrap_or(0);
                    stack.push(Node {
                        name,
                        text: Cow::Borrowed(""),
                        kids: vec![],
                        span: (lt, lt),
                    });
                }
                Event::Empty(e) => {
                    let name = self.name_of(&e, at)?;
                    let lt = at + self.src.get(at..).and_then(|s| s.find('<')).unwrap_or(0);
                    let end = self.r.buffer_position() as usize;
                    if let Some(top) = stack.last_mut() {
                        top.kids.push(Node {
                            name,
                            text: Cow::Borrowed(""),
                            kids: vec![],
                            span: (lt, end),
                        });
                    }
                }
                Event::End(_) => {
                    let mut n = stack.pop().unwrap_or_else(|| unreachable_node(name));
                    n.span.1 = self.r.buffer_position() as usize;
                    match stack.last_mut() {
                        Some(top) => top.kids.push(n),
                        None => return Ok(n),
                    }
                }
                Event::Text(t) => {
                    let s = t.decode().map_err(|e| self.error(at, e.to_string()))?;
                    push_text(&mut stack, s);
                }
                Event::CData(t) => {
                    let s = t.decode().map_err(|e| self.error(at, e.to_string()))?;
                    push_text(&mut stack, s);
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
                    push_text(&mut stack, Cow::Owned(c.to_string()));
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

fn unreachable_node<'a>(name: &'a str) -> Node<'a> {
    Node {
        name,
        text: Cow::Borrowed(""),
        kids: vec![],
        span: (0, 0),
    }
}

fn push_text<'a>(stack: &mut [Node<'a>], s: Cow<'a, str>) {
    if let Some(top) = stack.last_mut() {
        if top.text.is_empty() {
            top.text = s;
        } else {
            top.text.to_mut().push_str(&s);
        }
    }
}

/// Splits a fragment of sibling elements (as kept in [`crate::model::Foreign`]) into
/// (local name, verbatim text) pairs. Malformed fragments yield what parsed.
pub(crate) fn split_fragment(src: &str) -> Vec<(&str, &str)> {
    let mut c = Cursor::new(src);
    let mut out = vec![];
    while let Ok(Item::Start(name, lt)) = c.next() {
        match c.node(name, lt) {
            Ok(n) => out.push((name, c.slice(n.span))),
            Err(_) => break,
        }
    }
    out
}
