//! MS Project XML (MSPDI) reader → the schedule → the writer → the reader again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(p) = planix::io::mspdi::from_mspdi_bytes(data) else {
        return;
    };
    // What was read schedules or fails with a typed error; what is written reads back.
    if let Ok(xml) = planix::io::mspdi::to_mspdi(&p) {
        let back = planix::io::mspdi::from_mspdi(&xml).expect("planix reads what it writes");
        assert_eq!(back.task_count(), p.task_count());
    }
});
