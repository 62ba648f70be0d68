//! Comparing and merging plans: [`diff`] lists the changes that turn one project into
//! another, field by field; [`Diff::apply`] replays them; [`merge`] combines two edited
//! copies of a common base and reports what it cannot combine as typed conflicts.
//!
//! Changes are read off the native JSON document of each project, so every field the
//! format carries is compared (tasks, links, resources, assignments and calendars by
//! their ids, the project's own fields by name) without a list of fields to keep up to
//! date. Applying rebuilds the project through the loader, which checks it whole (WBS
//! loops, links inside summaries, unknown ids, …): a merge never yields a plan that
//! would not load, and one whose links close a cycle is reported as a conflict.
//!
//! This is the diff and merge part of collaboration (issue #21); change records with
//! authors, undo and redo, blame, comments and notifications build on it later.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::ids::TaskId;
use crate::io::IoError;
use crate::model::Project;
use crate::schedule::ScheduleError;

/// Errors of [`Diff::apply`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HistoryError {
    /// The project does not hold what the change expects (it was made against another
    /// revision): the item is missing, already there, or its field has another value.
    #[error("{item}: {expected}")]
    Stale {
        /// The item the change is about.
        item: Item,
        /// What the change expected to find.
        expected: String,
    },
    /// The changed document is not a valid project (the loader's error).
    #[error("the changed plan is invalid: {0}")]
    Invalid(#[from] IoError),
}

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    /// The project's own fields (name, start, calendar, status date, baselines, …).
    Project,
    /// A calendar, by id.
    Calendar {
        /// Its id.
        id: u32,
    },
    /// A task, by id.
    Task {
        /// Its id.
        id: u32,
    },
    /// A link, by its two tasks.
    Link {
        /// The predecessor.
        predecessor: u32,
        /// The successor.
        successor: u32,
    },
    /// A resource, by id.
    Resource {
        /// Its id.
        id: u32,
    },
    /// An assignment, by task and resource.
    Assignment {
        /// The task.
        task: u32,
        /// The resource.
        resource: u32,
    },
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Project => write!(f, "project"),
            Item::Calendar { id } => write!(f, "calendar {id}"),
            Item::Task { id } => write!(f, "task {id}"),
            Item::Link {
                predecessor,
                successor,
            } => write!(f, "link {predecessor} -> {successor}"),
            Item::Resource { id } => write!(f, "resource {id}"),
            Item::Assignment { task, resource } => {
                write!(f, "assignment of resource {resource} to task {task}")
            }
        }
    }
}

/// One change: an item added or removed whole, or one field of it changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// The item is new; `value` is its JSON object.
    Added {
        /// What was added.
        item: Item,
        /// Its document value.
        value: Value,
    },
    /// The item is gone; `value` is what it was.
    Removed {
        /// What was removed.
        item: Item,
        /// Its document value before.
        value: Value,
    },
    /// One field changed (`None`: the field was absent, i.e. at its default).
    Changed {
        /// The item.
        item: Item,
        /// The field's name in the document (`duration`, `parent`, `name`, …).
        field: String,
        /// Its value before.
        old: Option<Value>,
        /// Its value after.
        new: Option<Value>,
    },
}

impl Change {
    /// The item the change is about.
    pub fn item(&self) -> Item {
        match self {
            Change::Added { item, .. } | Change::Removed { item, .. } => *item,
            Change::Changed { item, .. } => *item,
        }
    }

    /// The field changed (`None` for an item added or removed whole).
    pub fn field(&self) -> Option<&str> {
        match self {
            Change::Changed { field, .. } => Some(field),
            _ => None,
        }
    }
}

fn short(v: &Option<Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let named = |item: &Item, v: &Value| match v.get("name").and_then(Value::as_str) {
            Some(n) => format!("{item} {n:?}"),
            None => item.to_string(),
        };
        match self {
            Change::Added { item, value } => write!(f, "{} added", named(item, value)),
            Change::Removed { item, value } => write!(f, "{} removed", named(item, value)),
            Change::Changed {
                item,
                field,
                old,
                new,
            } => write!(f, "{item}: {field} {} -> {}", short(old), short(new)),
        }
    }
}

/// The changes between two projects, in item order (project, calendars, tasks, links,
/// resources, assignments), fields in name order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl std::fmt::Display for Diff {
    /// One change per line (the id counters, `next_ids`, are carried but not listed).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in &self.changes {
            if c.item() == Item::Project && c.field() == Some("next_ids") {
                continue;
            }
            writeln!(f, "{c}")?;
        }
        Ok(())
    }
}

/// A project's document as items → JSON objects (the project's own fields as
/// [`Item::Project`]).
type Items = BTreeMap<Item, Map<String, Value>>;

fn items(p: &Project) -> Items {
    let doc = serde_json::to_value(crate::model::serde_doc::ProjectDocRef::from(p))
        .unwrap_or(Value::Null);
    let Value::Object(mut doc) = doc else {
        return Items::new();
    };
    let mut out = Items::new();
    let num =
        |v: &Map<String, Value>, k: &str| v.get(k).and_then(Value::as_u64).map_or(0, |x| x as u32);
    let mut list = |key: &str, item: &dyn Fn(&Map<String, Value>) -> Item| {
        if let Some(Value::Array(xs)) = doc.remove(key) {
            for x in xs {
                if let Value::Object(o) = x {
                    out.insert(item(&o), o);
                }
            }
        }
    };
    list("tasks", &|o| Item::Task { id: num(o, "id") });
    list("dependencies", &|o| Item::Link {
        predecessor: num(o, "predecessor"),
        successor: num(o, "successor"),
    });
    list("resources", &|o| Item::Resource { id: num(o, "id") });
    list("assignments", &|o| Item::Assignment {
        task: num(o, "task"),
        resource: num(o, "resource"),
    });
    if let Some(Value::Object(cals)) = doc.remove("calendars") {
        for (k, v) in cals {
            if let (Ok(id), Value::Object(o)) = (k.parse::<u32>(), v) {
                out.insert(Item::Calendar { id }, o);
            }
        }
    }
    doc.remove("format");
    doc.remove("version");
    out.insert(Item::Project, doc);
    out
}

/// The changes that turn `a` into `b` (O(size of both documents)).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{history, Duration, Project, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut approved = Project::new("Site", start);
/// let design = approved.add_task(Task::new("Design").with_duration(Duration::hours(16)))?;
/// let mut now = approved.clone();
/// now.edit_task(design, |t| t.duration = Duration::hours(24))?;
/// now.add_task(Task::new("Review"))?;
/// let d = history::diff(&approved, &now);
/// assert_eq!(d.to_string(), "task 1: duration 960 -> 1440\ntask 2 \"Review\" added\n");
/// let again = d.apply(&approved)?;
/// assert_eq!(planix::io::to_json(&again), planix::io::to_json(&now));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff(a: &Project, b: &Project) -> Diff {
    let mut changes = vec![];
    fields(Item::Project, &shell(a), &shell(b), &mut changes);
    join(
        &a.calendars,
        &b.calendars,
        |c| Item::Calendar { id: c.0 },
        &mut changes,
    );
    join(&a.tasks, &b.tasks, |t| Item::Task { id: t.0 }, &mut changes);
    join(
        &a.links,
        &b.links,
        |(p, s)| Item::Link {
            predecessor: p.0,
            successor: s.0,
        },
        &mut changes,
    );
    join(
        &a.resources,
        &b.resources,
        |r| Item::Resource { id: r.0 },
        &mut changes,
    );
    join(
        &a.assignments,
        &b.assignments,
        |(t, r)| Item::Assignment {
            task: t.0,
            resource: r.0,
        },
        &mut changes,
    );
    Diff { changes }
}

/// The project's own fields as a JSON object (no collections).
fn shell(p: &Project) -> Map<String, Value> {
    let v = serde_json::to_value(crate::model::serde_doc::ProjectDocRef::shell(p));
    let Ok(Value::Object(mut m)) = v else {
        return Map::new();
    };
    for k in [
        "format",
        "version",
        "calendars",
        "tasks",
        "dependencies",
        "resources",
        "assignments",
    ] {
        m.remove(k);
    }
    m
}

fn object<V: Serialize>(v: &V) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// Merge-joins two id-ordered collections: equal values cost one comparison; only the
/// items that differ are written as JSON and compared field by field.
fn join<'a, K: Ord + 'a, V: PartialEq + Serialize + 'a>(
    a: impl IntoIterator<Item = (&'a K, &'a V)>,
    b: impl IntoIterator<Item = (&'a K, &'a V)>,
    item: impl Fn(&K) -> Item,
    out: &mut Vec<Change>,
) {
    use std::cmp::Ordering;
    let (mut ia, mut ib) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let ord = match (ia.peek(), ib.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
        };
        match ord {
            Ordering::Equal => {
                if let (Some((k, va)), Some((_, vb))) = (ia.next(), ib.next())
                    && va != vb
                {
                    fields(item(k), &object(va), &object(vb), out);
                }
            }
            Ordering::Less => {
                if let Some((k, v)) = ia.next() {
                    out.push(Change::Removed {
                        item: item(k),
                        value: Value::Object(object(v)),
                    });
                }
            }
            Ordering::Greater => {
                if let Some((k, v)) = ib.next() {
                    out.push(Change::Added {
                        item: item(k),
                        value: Value::Object(object(v)),
                    });
                }
            }
        }
    }
}

fn fields(item: Item, a: &Map<String, Value>, b: &Map<String, Value>, out: &mut Vec<Change>) {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (old, new) = (a.get(k), b.get(k));
        if old != new {
            out.push(Change::Changed {
                item,
                field: k.clone(),
                old: old.cloned(),
                new: new.cloned(),
            });
        }
    }
}

impl Diff {
    /// Applies the changes to `p`, giving a new project (`p` is not touched). Each change
    /// must find what it expects (the item present or absent, the field at its old
    /// value), so a diff applies to the revision it was taken from.
    ///
    /// # Errors
    /// [`HistoryError::Stale`] naming the first change that does not fit;
    /// [`HistoryError::Invalid`] when the result is not a valid project.
    pub fn apply(&self, p: &Project) -> Result<Project, HistoryError> {
        apply_all(p, &self.changes)
    }
}

/// Applies changes: on a copy of the project's maps when they only touch tasks, links,
/// resources, assignments and the id counters (each changed item through its JSON,
/// then one validation of the whole), else through the whole document and the loader.
fn apply_all(p: &Project, changes: &[Change]) -> Result<Project, HistoryError> {
    let fast = changes.iter().all(|c| match c.item() {
        Item::Project => c.field() == Some("next_ids"),
        Item::Calendar { .. } => false,
        _ => true,
    });
    if !fast {
        let mut x = items(p);
        for c in changes {
            apply_one(&mut x, c)?;
        }
        return build(x);
    }
    let mut x = p.clone();
    for c in changes {
        match c.item() {
            Item::Task { id } => {
                let k = TaskId(id);
                match step(x.tasks.get(&k), c)? {
                    Some(v) => x.tasks.insert(k, v),
                    None => x.tasks.remove(&k),
                };
            }
            Item::Link {
                predecessor,
                successor,
            } => {
                let k = (TaskId(predecessor), TaskId(successor));
                match step(x.links.get(&k), c)? {
                    Some(v) => x.links.insert(k, v),
                    None => x.links.remove(&k),
                };
            }
            Item::Resource { id } => {
                let k = crate::ids::ResourceId(id);
                match step(x.resources.get(&k), c)? {
                    Some(v) => x.resources.insert(k, v),
                    None => x.resources.remove(&k),
                };
            }
            Item::Assignment { task, resource } => {
                let k = (TaskId(task), crate::ids::ResourceId(resource));
                match step(x.assignments.get(&k), c)? {
                    Some(v) => x.assignments.insert(k, v),
                    None => x.assignments.remove(&k),
                };
            }
            Item::Project => {
                if let Change::Changed { new: Some(v), .. } = c {
                    let n =
                        |k: &str, d: u32| v.get(k).and_then(Value::as_u64).map_or(d, |x| x as u32);
                    x.next_task = n("task", x.next_task);
                    x.next_calendar = n("calendar", x.next_calendar);
                    x.next_resource = n("resource", 1);
                }
            }
            Item::Calendar { .. } => {}
        }
    }
    x.children.clear();
    let parents: Vec<(TaskId, TaskId)> = x
        .tasks
        .values()
        .filter_map(|t| t.parent.map(|p| (p, t.id)))
        .collect();
    for (parent, child) in parents {
        x.children.entry(parent).or_default().insert(child);
    }
    let top = |m: Option<u32>| m.map_or(1, |x| x.saturating_add(1));
    x.next_task = x.next_task.max(top(x.tasks.last_key().map(|t| t.0)));
    x.next_resource = x
        .next_resource
        .max(top(x.resources.keys().next_back().map(|r| r.0)));
    x.validate()
        .map_err(|e| HistoryError::Invalid(IoError::Invalid(e)))?;
    Ok(x)
}

/// One change to one item's value (`current`): its new value, or `None` to remove it.
fn step<V: Serialize + serde::de::DeserializeOwned>(
    current: Option<&V>,
    c: &Change,
) -> Result<Option<V>, HistoryError> {
    let mut x = Items::new();
    let item = c.item();
    if let Some(v) = current {
        x.insert(item, object(v));
    }
    apply_one(&mut x, c)?;
    match x.remove(&item) {
        None => Ok(None),
        Some(o) => serde_json::from_value(Value::Object(o))
            .map(Some)
            .map_err(|e| HistoryError::Stale {
                item,
                expected: format!("a valid value ({e})"),
            }),
    }
}

fn apply_one(x: &mut Items, c: &Change) -> Result<(), HistoryError> {
    let stale = |item: Item, expected: String| HistoryError::Stale { item, expected };
    match c {
        Change::Added { item, value } => {
            let Value::Object(o) = value else {
                return Err(stale(*item, "an object to add".into()));
            };
            if x.contains_key(item) {
                return Err(stale(*item, "not to exist yet".into()));
            }
            x.insert(*item, o.clone());
        }
        Change::Removed { item, .. } => {
            if x.remove(item).is_none() {
                return Err(stale(*item, "to exist".into()));
            }
        }
        Change::Changed {
            item,
            field,
            old,
            new,
        } => {
            let Some(o) = x.get_mut(item) else {
                return Err(stale(*item, "to exist".into()));
            };
            if o.get(field) != old.as_ref() {
                return Err(stale(*item, format!("{field} to be {}", short(old))));
            }
            match new {
                Some(v) => {
                    o.insert(field.clone(), v.clone());
                }
                None => {
                    o.remove(field);
                }
            }
        }
    }
    Ok(())
}

/// The project document from items, loaded (and so checked) by [`crate::io::from_json`].
fn build(mut x: Items) -> Result<Project, HistoryError> {
    let mut doc = x.remove(&Item::Project).unwrap_or_default();
    let (mut tasks, mut links, mut resources, mut assignments) = (vec![], vec![], vec![], vec![]);
    let mut calendars = Map::new();
    for (k, v) in x {
        let v = Value::Object(v);
        match k {
            Item::Task { .. } => tasks.push(v),
            Item::Link { .. } => links.push(v),
            Item::Resource { .. } => resources.push(v),
            Item::Assignment { .. } => assignments.push(v),
            Item::Calendar { id } => {
                calendars.insert(id.to_string(), v);
            }
            Item::Project => {}
        }
    }
    doc.insert(
        "format".into(),
        Value::from(crate::model::serde_doc::FORMAT),
    );
    doc.insert(
        "version".into(),
        Value::from(crate::model::serde_doc::VERSION),
    );
    doc.insert("calendars".into(), Value::Object(calendars));
    doc.insert("tasks".into(), Value::Array(tasks));
    doc.insert("dependencies".into(), Value::Array(links));
    doc.insert("resources".into(), Value::Array(resources));
    doc.insert("assignments".into(), Value::Array(assignments));
    let text = Value::Object(doc).to_string();
    Ok(crate::io::from_json(&text)?)
}

/// A change [`merge`] could not combine.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Conflict {
    /// Both sides changed the same field (or added the same item) differently.
    Both {
        /// The item.
        item: Item,
        /// The field (`None`: the item was added on both sides with different values).
        field: Option<String>,
        /// Our change.
        ours: Box<Change>,
        /// Their change.
        theirs: Box<Change>,
    },
    /// One side removed an item the other changed.
    RemovedAndChanged {
        /// The item.
        item: Item,
        /// The side's change that kept or edited it.
        change: Change,
        /// `true` when we removed it (and they changed it).
        removed_by_us: bool,
    },
    /// A link added on one side joins a task the other side removed.
    LinkToRemovedTask {
        /// The link.
        link: Item,
        /// The removed task.
        task: u32,
        /// `true` when we added the link.
        added_by_us: bool,
    },
    /// The combined changes do not form a valid project (the loader's message).
    Invalid {
        /// Why.
        message: String,
    },
    /// The combined links close a dependency cycle.
    Cycle {
        /// The tasks of the cycle.
        tasks: Vec<TaskId>,
    },
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conflict::Both { ours, theirs, .. } => {
                write!(f, "both sides changed it: ours {ours}; theirs {theirs}")
            }
            Conflict::RemovedAndChanged {
                item,
                change,
                removed_by_us,
            } => {
                let (a, b) = if *removed_by_us {
                    ("we", "they")
                } else {
                    ("they", "we")
                };
                write!(f, "{item}: {a} removed it, {b} changed it ({change})")
            }
            Conflict::LinkToRemovedTask { link, task, .. } => {
                write!(f, "{link} joins task {task}, which the other side removed")
            }
            Conflict::Invalid { message } => write!(f, "the merged plan is invalid: {message}"),
            Conflict::Cycle { tasks } => {
                let t: Vec<String> = tasks.iter().map(|t| t.0.to_string()).collect();
                write!(f, "the merged links close a cycle: {}", t.join(" -> "))
            }
        }
    }
}

/// The result of a [`merge`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Merge {
    /// The merged project: the base with every change that did not conflict (`None`
    /// when the combination itself is invalid or closes a cycle).
    pub project: Option<Project>,
    /// The changes applied, ours first.
    pub applied: Vec<Change>,
    /// What could not be combined; empty for a clean merge.
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge: the changes from `base` to `ours` and from `base` to `theirs`,
/// applied together to `base`. A change made identically on both sides applies once; a
/// field changed differently on both sides, an item removed on one side and changed on
/// the other, and a link joining a task the other side removed are conflicts, and
/// neither side's version of them is applied. The id counters take the larger side. The
/// merged plan is loaded and scheduled: if it is invalid or its links close a cycle,
/// `project` is `None` and the reason is a conflict. Deterministic: the same three plans
/// give the same result.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merge {
    let (d1, d2) = (diff(base, ours), diff(base, theirs));
    let key = |c: &Change| (c.item(), c.field().map(str::to_string));
    let mine: BTreeMap<_, &Change> = d1.changes.iter().map(|c| (key(c), c)).collect();
    let other: BTreeMap<_, &Change> = d2.changes.iter().map(|c| (key(c), c)).collect();
    let removed = |d: &Diff| -> BTreeMap<Item, ()> {
        d.changes
            .iter()
            .filter(|c| matches!(c, Change::Removed { .. }))
            .map(|c| (c.item(), ()))
            .collect()
    };
    let changed_items = |d: &Diff| -> BTreeMap<Item, ()> {
        d.changes
            .iter()
            .filter(|c| matches!(c, Change::Changed { .. }))
            .map(|c| (c.item(), ()))
            .collect()
    };
    let (gone1, gone2) = (removed(&d1), removed(&d2));
    let (edit1, edit2) = (changed_items(&d1), changed_items(&d2));
    let mut conflicts = vec![];
    let mut applied = vec![];
    let mut skip = std::collections::BTreeSet::new();
    let task_of_link = |it: &Item| match it {
        Item::Link {
            predecessor,
            successor,
        } => vec![*predecessor, *successor],
        _ => vec![],
    };
    for (us, d, other_d, gone_other, edit_other) in [
        (true, &d1, &other, &gone2, &edit2),
        (false, &d2, &mine, &gone1, &edit1),
    ] {
        for c in &d.changes {
            let item = c.item();
            let k = key(c);
            if item == Item::Project && c.field() == Some("next_ids") {
                continue; // taken as the larger of both below
            }
            if let Some(o) = other_d.get(&k) {
                if *o == c {
                    if us {
                        applied.push(c.clone());
                    }
                } else if us {
                    conflicts.push(Conflict::Both {
                        item,
                        field: c.field().map(str::to_string),
                        ours: Box::new(c.clone()),
                        theirs: Box::new((*o).clone()),
                    });
                }
                continue;
            }
            if matches!(c, Change::Changed { .. }) && gone_other.contains_key(&item) {
                conflicts.push(Conflict::RemovedAndChanged {
                    item,
                    change: c.clone(),
                    removed_by_us: !us,
                });
                skip.insert(item);
                continue;
            }
            if matches!(c, Change::Removed { .. }) && edit_other.contains_key(&item) {
                continue; // reported from the side that changed it
            }
            if matches!(c, Change::Added { .. }) {
                if let Some(&t) = task_of_link(&item)
                    .iter()
                    .find(|t| gone_other.contains_key(&Item::Task { id: **t }))
                {
                    conflicts.push(Conflict::LinkToRemovedTask {
                        link: item,
                        task: t,
                        added_by_us: us,
                    });
                    continue;
                }
            }
            applied.push(c.clone());
        }
    }
    applied.retain(|c| !(matches!(c, Change::Removed { .. }) && skip.contains(&c.item())));
    // Id counters: the larger of each side's, so new ids never collide.
    let next = |p: &Project| (p.next_task, p.next_calendar, p.next_resource);
    let (a, b) = (next(ours), next(theirs));
    let mut ids = Map::new();
    ids.insert("task".into(), Value::from(a.0.max(b.0)));
    ids.insert("calendar".into(), Value::from(a.1.max(b.1)));
    ids.insert("resource".into(), Value::from(a.2.max(b.2)));
    let mut all = applied.clone();
    all.push(Change::Changed {
        item: Item::Project,
        field: "next_ids".into(),
        old: shell(base).get("next_ids").cloned(),
        new: Some(Value::Object(ids)),
    });
    let project = match apply_all(base, &all) {
        Err(e) => {
            conflicts.push(Conflict::Invalid {
                message: e.to_string(),
            });
            None
        }
        Ok(p) => match p.schedule() {
            Err(ScheduleError::Cycle { tasks, .. }) => {
                conflicts.push(Conflict::Cycle { tasks });
                None
            }
            _ => Some(p),
        },
    };
    Merge {
        project,
        applied,
        conflicts,
    }
}
