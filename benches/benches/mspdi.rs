//! `mspdi/read/N` and `mspdi/write/N`: MS Project XML of generated networks (N tasks,
//! about 2 links each, a Standard calendar with 30 holidays), parsed into a project and
//! written from a project and its schedule.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use planix::io::mspdi::{from_mspdi, to_mspdi, to_mspdi_with};
use planix_benches::with_holidays;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("mspdi");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let p = with_holidays(planix_benches::layered(n, 1));
        let xml = to_mspdi(&p).unwrap_or_default();
        let s = p.schedule().ok();
        g.throughput(Throughput::Bytes(xml.len() as u64));
        g.bench_with_input(BenchmarkId::new("read", n), &xml, |b, x| {
            b.iter(|| from_mspdi(black_box(x)))
        });
        if let Some(s) = s {
            g.bench_with_input(BenchmarkId::new("write", n), &(p, s), |b, (p, s)| {
                b.iter(|| to_mspdi_with(black_box(p), s))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
