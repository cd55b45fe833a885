//! Every rule family's `examples` read as the rule says, and its
//! `counter_examples` give nothing of the family's kind.

use crosscheck::quantity::{Kind, Qualifier, Quantity, Scanner};
use crosscheck::rules::{Example, RuleSet};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-9)
}

fn check(scanner: &Scanner, family: &str, e: &Example) -> Result<(), String> {
    let found = scanner.scan(&e.text);
    let Some(q) = found.first() else { return Err(format!("{family}: {:?} gave nothing", e.text)) };
    let desc = format!("{family}: {:?} gave {:?}", e.text, q);
    if found.len() != 1 {
        return Err(format!("{family}: {:?} gave {} quantities", e.text, found.len()));
    }
    let want = |field: &str, expected: Option<f64>, got: Option<f64>| match (expected, got) {
        (None, _) => Ok(()),
        (Some(x), Some(y)) if close(x, y) => Ok(()),
        _ => Err(format!("{desc}: wrong {field}")),
    };
    want("amount", e.amount, q.amount)?;
    want("low", e.low, q.interval.low)?;
    want("high", e.high, q.interval.high)?;
    if let Some(u) = &e.unit {
        if q.unit.as_deref() != Some(u.as_str()) {
            return Err(format!("{desc}: wrong unit"));
        }
    }
    if let Some(ql) = &e.qualifier {
        if Some(q.qualifier) != Qualifier::from_id(ql) && q.low_qualifier != Qualifier::from_id(ql) {
            return Err(format!("{desc}: wrong qualifier"));
        }
    }
    Ok(())
}

fn counter(scanner: &Scanner, family: &str, text: &str, bad: impl Fn(&Quantity) -> bool) -> Result<(), String> {
    let found: Vec<_> = scanner.scan(text).into_iter().filter(|q| bad(q)).collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!("{family}: counter-example {text:?} gave {found:?}"))
    }
}

#[test]
fn every_rule_example_reads_as_written() {
    let rules = RuleSet::builtin();
    let scanner = Scanner::new(&rules);
    let mut errors = Vec::new();
    let mut count = 0;
    let mut run = |family: &str, examples: &[Example]| {
        for e in examples {
            count += 1;
            if let Err(msg) = check(&scanner, family, e) {
                errors.push(msg);
            }
        }
    };
    run("numbers", &rules.numbers.examples);
    for q in &rules.qualifiers.qualifiers {
        run(&format!("qualifiers/{}", q.id), &q.examples);
    }
    for c in &rules.currencies.currencies {
        run(&format!("currencies/{}", c.id), &c.examples);
    }
    run("units/percent", &rules.units.percent.examples);
    run("units/points", &rules.units.points.examples);
    run("dates", &rules.dates.examples);
    assert!(count > 50, "expected the rule files to carry examples, found {count}");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn no_counter_example_is_read_as_a_figure() {
    let rules = RuleSet::builtin();
    let scanner = Scanner::new(&rules);
    let mut errors = Vec::new();
    for t in &rules.numbers.counter_examples {
        errors.extend(counter(&scanner, "numbers", t, |_| true).err());
    }
    for t in &rules.dates.counter_examples {
        errors.extend(counter(&scanner, "dates", t, |_| true).err());
    }
    for q in &rules.qualifiers.qualifiers {
        let kind = Qualifier::from_id(&q.id);
        for t in &q.counter_examples {
            errors.extend(counter(&scanner, &q.id, t, |f| Some(f.qualifier) == kind).err());
        }
    }
    for t in &rules.currencies.counter_examples {
        errors.extend(counter(&scanner, "currencies", t, |f| f.kind == Kind::Money).err());
    }
    for t in &rules.units.percent.counter_examples {
        errors.extend(counter(&scanner, "units/percent", t, |f| f.kind == Kind::Percent).err());
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_measure_example_reads_as_its_measure() {
    use crosscheck::extract::Extractor;
    use crosscheck::source::{Source, SourceMeta};
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let meta = SourceMeta { published: Some("2019-05-22".into()), ..SourceMeta::default() };
    let mut errors = Vec::new();
    let mut count = 0;
    for m in &rules.measures.measures {
        for e in &m.examples {
            count += 1;
            let claims = extractor.extract(&Source::new("example.txt", "example.txt", e.text.as_str(), meta.clone()));
            let Some(c) = claims.iter().find(|c| c.measure == e.measure) else {
                errors.push(format!(
                    "{}: {:?} gave no {} claim: {:?}",
                    m.id,
                    e.text,
                    e.measure,
                    claims.iter().map(|c| &c.measure).collect::<Vec<_>>()
                ));
                continue;
            };
            if let Some(s) = &e.subject {
                if &c.subject != s {
                    errors.push(format!("{}: {:?} is about {}, not {s}", m.id, e.text, c.subject));
                }
            }
            if let (Some(a), crosscheck::claim::Value::Figure(f)) = (e.amount, &c.value) {
                if f.amount.is_none_or(|x| (x - a).abs() > 1e-9) {
                    errors.push(format!("{}: {:?} gave {:?}, not {a}", m.id, e.text, f.amount));
                }
            }
        }
        for e in &m.counter_examples {
            let claims = extractor.extract(&Source::new("example.txt", "example.txt", e.text.as_str(), meta.clone()));
            if claims.iter().any(|c| c.measure == e.measure) {
                errors.push(format!("{}: counter-example {:?} gave a {} claim", m.id, e.text, e.measure));
            }
        }
    }
    assert!(count >= 15, "measure rules carry examples: {count}");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_entity_example_finds_its_entity() {
    use crosscheck::entity::EntityMatcher;
    let rules = RuleSet::builtin();
    let matcher = EntityMatcher::new(&rules.entities);
    for e in &rules.entities.examples {
        let names: Vec<String> = matcher.find(&e.text).into_iter().map(|m| m.name.to_string()).collect();
        assert!(names.contains(&e.entity), "{:?} should name {}: {names:?}", e.text, e.entity);
    }
    for t in &rules.entities.counter_examples {
        let found: Vec<_> = matcher.find(t).into_iter().filter(|m| m.known || m.kind.can_be_subject()).collect();
        assert!(found.is_empty(), "{t:?} names nothing: {found:?}");
    }
}
