//! Figures as numbers: snapping a scaled figure to the precision it was
//! written with, and printing whole figures without a trailing `.0`.

use serde::Serializer;

/// Snaps `value` to the nearest multiple of `step` when `step` is a power of
/// ten, so "209.18 billion" is exactly 209180000000, not 209180000000.00003.
pub fn tidy(value: f64, step: f64) -> f64 {
    if step.is_nan() || step <= 0.0 || !value.is_finite() {
        return value;
    }
    let k = step.log10().round();
    let p = 10f64.powi(k as i32);
    if (p - step).abs() > 1e-9 * step || !(-15.0..=15.0).contains(&k) {
        return value;
    }
    if k >= 0.0 {
        (value / p).round() * p
    } else {
        let m = 10f64.powi(-k as i32);
        (value * m).round() / m
    }
}

/// Serialises a figure: whole numbers as JSON integers, others as floats.
pub fn serialize<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// [`serialize`] for an optional figure.
pub fn opt<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snaps_scaled_figures_to_their_precision() {
        assert_eq!(tidy(209.18 * 1e9, 1e7), 209_180_000_000.0);
        assert_eq!(tidy(38.24, 0.01), 38.24);
        assert_eq!(tidy(9.7 * 1e9, 1e8), 9_700_000_000.0);
        assert_eq!(tidy(0.6666, 0.6666), 0.6666);
    }
}
