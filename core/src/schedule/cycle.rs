//! One cycle among the nodes a topological sort could not order.

/// A cycle, in edge order and starting at its smallest node, among the `nodes` that
/// Kahn's algorithm left (`left(v)`); `preds(v, out)` pushes `v`'s predecessors.
///
/// Every node left has a predecessor that is left too (its in-degree stayed above
/// zero), so walking to the smallest such predecessor, again and again, must revisit a
/// node: the walk from that node's first visit is a cycle. Iterative and
/// O(nodes + edges), so a cycle of a million tasks costs no stack.
pub(crate) fn cycle_among(
    nodes: usize,
    left: impl Fn(usize) -> bool,
    mut preds: impl FnMut(usize, &mut Vec<usize>),
) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let mut pos = vec![UNSEEN; nodes];
    let mut path: Vec<usize> = vec![];
    let mut buf = vec![];
    let mut cur = (0..nodes).find(|&v| left(v));
    while let Some(v) = cur {
        if pos[v] != UNSEEN {
            path.drain(..pos[v]);
            break;
        }
        pos[v] = path.len();
        path.push(v);
        buf.clear();
        preds(v, &mut buf);
        cur = buf.iter().copied().filter(|&u| left(u)).min();
    }
    // The walk ran against the edges: turn it round, and start at the smallest node
    // so the report does not depend on where the walk began.
    path.reverse();
    if let Some(k) = path
        .iter()
        .enumerate()
        .min_by_key(|(_, v)| **v)
        .map(|(k, _)| k)
    {
        path.rotate_left(k);
    }
    path
}
