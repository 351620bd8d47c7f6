//! A small dense simplex: the attacker's linear programs in [`crate::publish`].
//!
//! The sub-tables it sees are small (one indicator, one parent and its
//! children, a few periods: tens of unknowns), the coefficients are ±1 and the
//! right-hand sides whole numbers, so a dense tableau with Bland's rule is
//! enough, stays deterministic (no randomised pivoting), and is pure Rust for
//! the WebAssembly build. A general LP library would weigh more than the
//! whole engine.

/// Below this, a number is zero (values are whole counts; errors are far smaller).
const EPS: f64 = 1e-9;

/// `A y = b`, `y ≥ 0`, in a tableau with a feasible basis.
#[derive(Clone, Debug)]
pub struct Feasible {
    /// Rows of `[A | b]`, `width` numbers each, in canonical form for `basis`.
    data: Vec<f64>,
    width: usize,
    /// The basic variable of each row.
    basis: Vec<usize>,
    vars: usize,
}

/// A bound the attacker can work out: a number, or none (unbounded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    At(f64),
    Unbounded,
}

fn pivot(data: &mut [f64], width: usize, objective: &mut [f64], row: usize, col: usize) {
    let Some(pr) = data.chunks(width).nth(row) else { return };
    let p = pr.get(col).copied().unwrap_or(0.0);
    if p.abs() < EPS {
        return;
    }
    let pr: Vec<f64> = pr.iter().map(|x| x / p).collect();
    for (i, r) in data.chunks_mut(width).enumerate() {
        if i == row {
            r.copy_from_slice(&pr);
            continue;
        }
        let f = r.get(col).copied().unwrap_or(0.0);
        if f != 0.0 {
            for (x, y) in r.iter_mut().zip(&pr) {
                *x -= f * y;
            }
        }
    }
    let f = objective.get(col).copied().unwrap_or(0.0);
    if f != 0.0 {
        for (x, y) in objective.iter_mut().zip(&pr) {
            *x -= f * y;
        }
    }
}

/// Minimises `objective · y` (reduced costs in `objective`, its last number
/// the negated value) from the feasible basis in `data`. `allowed` says which
/// columns may enter. Returns false when unbounded.
fn run(data: &mut [f64], width: usize, basis: &mut [usize], objective: &mut [f64], allowed: usize) -> bool {
    let rhs = width.saturating_sub(1);
    // Bland's rule (lowest index enters, lowest basic index leaves on ties)
    // cannot cycle; these tables are degenerate (many zeros), so it matters.
    // The cap is a guard against floating-point trouble, never reached on
    // tables of this size.
    for _ in 0..100_000 {
        let Some(col) = (0..allowed).find(|j| objective.get(*j).is_some_and(|c| *c < -EPS)) else { return true };
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, r) in data.chunks(width).enumerate() {
            let a = r.get(col).copied().unwrap_or(0.0);
            if a > EPS {
                let ratio = r.get(rhs).copied().unwrap_or(0.0) / a;
                let b = basis.get(i).copied().unwrap_or(usize::MAX);
                let better = match best {
                    None => true,
                    Some((q, _, bb)) => ratio < q - EPS || (ratio <= q + EPS && b < bb),
                };
                if better {
                    best = Some((ratio, i, b));
                }
            }
        }
        let Some((_, row, _)) = best else { return false };
        pivot(data, width, objective, row, col);
        if let Some(b) = basis.get_mut(row) {
            *b = col;
        }
    }
    true
}

impl Feasible {
    /// A feasible basis of `rows` (`a · y = b` with `(a, b)`), `y ≥ 0` with `vars`
    /// unknowns; `None` when there is none.
    pub fn new(rows: &[(Vec<f64>, f64)], vars: usize) -> Option<Feasible> {
        let m = rows.len();
        // Phase one: an artificial variable per row, minimise their sum.
        let width = vars + m + 1;
        let mut data = vec![0.0; m * width];
        for ((a, b), r) in rows.iter().zip(data.chunks_mut(width)) {
            let sign = if *b < 0.0 { -1.0 } else { 1.0 };
            for (x, y) in r.iter_mut().zip(a.iter().take(vars)) {
                *x = sign * y;
            }
            if let Some(x) = r.last_mut() {
                *x = sign * b;
            }
        }
        for (i, r) in data.chunks_mut(width).enumerate() {
            if let Some(x) = r.get_mut(vars + i) {
                *x = 1.0;
            }
        }
        let mut basis: Vec<usize> = (vars..vars + m).collect();
        // Reduced costs of "minimise the artificials": minus the column sums.
        let mut objective = vec![0.0; width];
        for r in data.chunks(width) {
            for (j, (o, x)) in objective.iter_mut().zip(r).enumerate() {
                if j < vars || j == width - 1 {
                    *o -= x;
                }
            }
        }
        run(&mut data, width, &mut basis, &mut objective, vars + m);
        let infeasibility = -objective.last().copied().unwrap_or(0.0);
        if infeasibility > 1e-6 {
            return None;
        }
        // Drive artificials out of the basis; a row where none can leave is redundant.
        let mut keep = Vec::new();
        for i in 0..m {
            let b = basis.get(i).copied().unwrap_or(0);
            if b >= vars {
                let row: Vec<f64> = data.chunks(width).nth(i).map(<[f64]>::to_vec).unwrap_or_default();
                if let Some(col) = (0..vars).find(|j| row.get(*j).is_some_and(|x| x.abs() > EPS)) {
                    pivot(&mut data, width, &mut objective, i, col);
                    if let Some(x) = basis.get_mut(i) {
                        *x = col;
                    }
                    keep.push(i);
                }
            } else {
                keep.push(i);
            }
        }
        // Drop the artificial columns and the redundant rows.
        let new_width = vars + 1;
        let mut out = Vec::with_capacity(keep.len() * new_width);
        let mut new_basis = Vec::with_capacity(keep.len());
        for i in keep {
            if let Some(r) = data.chunks(width).nth(i) {
                out.extend(r.iter().take(vars));
                out.push(r.last().copied().unwrap_or(0.0));
                new_basis.push(basis.get(i).copied().unwrap_or(0));
            }
        }
        Some(Feasible { data: out, width: new_width, basis: new_basis, vars })
    }

    /// The least value of `y[var]` (or with `maximise`, the greatest).
    pub fn bound(&self, var: usize, maximise: bool) -> Bound {
        let mut data = self.data.clone();
        let mut basis = self.basis.clone();
        let c = if maximise { -1.0 } else { 1.0 };
        // Reduced costs: c_j − c_B · column j, with c = ±e_var.
        let mut objective = vec![0.0; self.width];
        if let Some(x) = objective.get_mut(var) {
            *x = c;
        }
        if let Some(row) = basis.iter().position(|b| *b == var) {
            if let Some(r) = data.chunks(self.width).nth(row) {
                for (o, x) in objective.iter_mut().zip(r) {
                    *o -= c * x;
                }
            }
        }
        if !run(&mut data, self.width, &mut basis, &mut objective, self.vars) {
            return Bound::Unbounded;
        }
        let value = -objective.last().copied().unwrap_or(0.0);
        Bound::At(if maximise { -value } else { value })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bounds_of_a_small_table() {
        // x + y = 7, y + z = 3: x in [4, 7], y in [0, 3], z in [0, 3].
        let rows = vec![(vec![1.0, 1.0, 0.0], 7.0), (vec![0.0, 1.0, 1.0], 3.0)];
        let f = Feasible::new(&rows, 3).unwrap();
        assert_eq!(f.bound(0, false), Bound::At(4.0));
        assert_eq!(f.bound(0, true), Bound::At(7.0));
        assert_eq!(f.bound(1, true), Bound::At(3.0));
        assert_eq!(f.bound(2, false), Bound::At(0.0));
    }

    #[test]
    fn unbounded_and_redundant_and_infeasible() {
        // x − y = 2 (twice): x ≥ 2, unbounded above.
        let rows = vec![(vec![1.0, -1.0], 2.0), (vec![1.0, -1.0], 2.0)];
        let f = Feasible::new(&rows, 2).unwrap();
        assert_eq!(f.bound(0, false), Bound::At(2.0));
        assert_eq!(f.bound(0, true), Bound::Unbounded);
        assert!(Feasible::new(&[(vec![1.0, 1.0], -1.0)], 2).is_none());
    }
}
