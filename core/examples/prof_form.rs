use binhdang::{calendar, read};
fn main() {
    let plan = std::fs::read_to_string("examples/lai-chau-2024/plan.json").unwrap();
    let form = std::fs::read_to_string("examples/lai-chau-2024/reports/2024-6m-106.json").unwrap();
    let checker = binhdang::api::Checker::new(&plan).unwrap();
    let as_of = calendar::parse_iso("2024-06-04").unwrap();
    let limits = read::Limits::default();
    let n: usize = std::env::args().nth(1).map(|s| s.parse().unwrap()).unwrap_or(100000);
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += checker.validate_report(&form, as_of, &[] as &[&str], &limits).len();
    }
    eprintln!("{:?} per call ({k})", t.elapsed() / n as u32);
}
