//! Deterministic generator of a news-like corpus for scale tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 100 --seed 1 OUT_DIR
//! ```
//!
//! Articles of 2–8 KB are built from the sentences of the bundled seed
//! articles (`seeds/*.txt`, read at run time from the crate root), with
//! company and person names, figures, months, days and years varied. They are
//! grouped into stories of 3–6 articles, one folder each
//! (`OUT_DIR/story-NNNNN/a1.txt`…, plus a `sources.yaml` giving every article
//! an outlet and a publication date). The articles of a story share most
//! sentences and most figures exactly; a story-chosen share of figures differs
//! from article to article, so grouping and verdicts have real work to do.
//!
//! With `--archive` the corpus is laid out as a year of wire copy is: every
//! article in OUT_DIR itself (`s00001-a1.txt`…) with one `sources.yaml` for
//! all of them, so the stories must be told apart by what the articles say,
//! and the same real companies are cast in most stories, so the same subjects
//! and measures recur from story to story.
//!
//! The output depends only on the arguments and the seed texts: the same
//! arguments give byte-identical files. Story `k` depends only on the seed
//! and `k`, so a smaller corpus is a prefix of a larger one with the same seed.
//! `--mb` counts all bytes written (articles and `sources.yaml`), in units of
//! 1,000,000 bytes; generation stops after the story that reaches it.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How to call the generator.
const USAGE: &str = "usage: gen_corpus [--mb N] [--seed N] [--archive] OUT_DIR";

/// Largest `--mb` accepted (100 GB), so a typo cannot fill the disk.
const MAX_MB: f64 = 100_000.0;

/// Smallest and largest article size, in bytes (the largest is exclusive).
const MIN_ARTICLE: usize = 2048;
const MAX_ARTICLE: usize = 8192;

/// Publication dates are spread over these years (inclusive).
const FIRST_YEAR: i64 = 2018;
const LAST_YEAR: i64 = 2024;

/// Outlets an article is attributed to in `sources.yaml`.
const OUTLETS: &[&str] = &[
    "The Straits Times",
    "Taipei Times",
    "Reuters",
    "Bloomberg",
    "BQ Prime",
    "South China Morning Post",
    "Nikkei Asia",
    "Financial Times",
    "Associated Press",
    "The Wall Street Journal",
    "The New York Times",
    "Caixin Global",
    "The Guardian",
    "CNBC",
];

/// Wire services or partners an article may credit.
const CREDITS: &[&str] = &["Reuters", "AFP", "Bloomberg", "Associated Press", "BQ Prime"];

/// Real companies a story may cast in a role: full, medium and short name.
const REAL_COMPANIES: &[(&str, &str, &str)] = &[
    ("Hangzhou Hikvision Digital Technology Co", "Hangzhou Hikvision Digital Technology", "Hikvision"),
    ("Zhejiang Dahua Technology Co", "Zhejiang Dahua Technology", "Dahua"),
    ("Huawei Technologies Co", "Huawei Technologies", "Huawei"),
    ("ZTE Corp", "ZTE", "ZTE"),
    ("SenseTime Group", "SenseTime Group", "SenseTime"),
    ("Megvii Technology", "Megvii Technology", "Megvii"),
    ("iFlytek Co", "iFlytek", "iFlytek"),
    ("Xiamen Meiya Pico Information Co", "Xiamen Meiya Pico", "Meiya Pico"),
    ("Yitu Technology", "Yitu Technology", "Yitu"),
    ("Yixin Science and Technology Co", "Yixin Science and Technology", "Yixin"),
    ("Taiwan Semiconductor Manufacturing Co", "Taiwan Semiconductor Manufacturing", "TSMC"),
    ("Wistron Corp", "Wistron", "Wistron"),
    ("Gudeng Precision Industrial Co", "Gudeng Precision", "Gudeng"),
];

/// How many company roles the seed texts have (see [`COMPANY_ALIASES`]).
const ROLES: usize = 9;

/// Company names in the seed texts: the role each plays and which form it is.
const COMPANY_ALIASES: &[(&str, usize, Form)] = &[
    ("Hangzhou Hikvision Digital Technology Co", 0, Form::Full),
    ("Hangzhou Hikvision Digital Technology", 0, Form::Medium),
    ("Hikvision", 0, Form::Short),
    ("Zhejiang Dahua Technology Co", 1, Form::Full),
    ("Zhejiang Dahua Technology", 1, Form::Medium),
    ("Dahua Technology", 1, Form::Medium),
    ("Dahua", 1, Form::Short),
    ("Huawei Technologies Co", 2, Form::Full),
    ("Huawei Technologies", 2, Form::Medium),
    ("Huawei", 2, Form::Short),
    ("SenseTime Group", 3, Form::Medium),
    ("SenseTime", 3, Form::Short),
    ("Megvii Technology", 4, Form::Medium),
    ("Megvii", 4, Form::Short),
    ("Xiamen Meiya Pico Information Co", 5, Form::Full),
    ("Xiamen Meiya", 5, Form::Short),
    ("Yitu Technology", 6, Form::Medium),
    ("Yixin Science and Technology Co", 7, Form::Full),
    ("iFlytek Co", 8, Form::Full),
    ("iFlytek", 8, Form::Short),
    ("IFlytek", 8, Form::Short),
];

/// People named in the seed texts: alias, person index, whether the alias is
/// the surname alone, and whether the person gets a Chinese-style name.
const PERSON_ALIASES: &[(&str, usize, bool, bool)] = &[
    ("Huang Fanghong", 0, false, true),
    ("Lu Kang", 1, false, true),
    ("Geng Shuang", 2, false, true),
    ("Zhao Lijian", 3, false, true),
    ("Rex Wu", 4, false, false),
    ("Wu", 4, true, false),
    ("John Honovich", 5, false, false),
    ("Stephen Huang", 6, false, false),
    ("Vanessa Lee", 7, false, false),
    ("Lee", 7, true, false),
    ("Cliff Hou", 8, false, false),
    ("Marco Rubio", 9, false, false),
    ("Michael Pompeo", 10, false, false),
    ("Wilbur Ross", 11, false, false),
    ("Jensen Huang", 12, false, false),
];

/// How many people the seed texts name (see [`PERSON_ALIASES`]).
const PERSONS: usize = 13;

/// Syllables, cities, sectors and suffixes for made-up companies
/// ("Shenzhen Zhenqi Vision Technology Co", short "Zhenqi").
const SYLLABLES: &[&str] = &[
    "zhen", "qi", "hua", "xin", "tian", "long", "feng", "yu", "kai", "rui", "bo", "hai", "jing", "lan", "sheng", "wei",
    "ming", "an", "tai", "heng", "yun", "guang", "chuang", "da",
];
const CITIES: &[&str] =
    &["Shenzhen", "Hangzhou", "Suzhou", "Chengdu", "Wuhan", "Xiamen", "Hefei", "Nanjing", "Tianjin", "Qingdao"];
const SECTORS: &[&str] = &[
    "Vision",
    "Optics",
    "Semiconductor",
    "Robotics",
    "Intelligence",
    "Networks",
    "Sensing",
    "Microelectronics",
    "Imaging",
    "Security",
];
const SUFFIXES: &[&str] = &["Co", "Corp", "Technology Co", "Holdings", "Group", "Inc"];

/// Names for made-up people.
const CN_FAMILY: &[&str] = &[
    "Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo",
    "He", "Lin", "Gao", "Luo",
];
const CN_GIVEN: &[&str] = &[
    "Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Tao", "Hui", "Ling", "Qiang", "Xiaoming", "Jianguo", "Lijuan",
    "Haiyan", "Zhiwei",
];
const WEST_FIRST: &[&str] =
    &["John", "Maria", "David", "Sarah", "Michael", "Laura", "James", "Anna", "Robert", "Emily", "Daniel", "Olivia"];
const WEST_LAST: &[&str] = &[
    "Smith",
    "Keller",
    "Novak",
    "Brennan",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Russo",
    "Fischer",
    "Hughes",
    "Patel",
];

/// Characters for the names in Chinese script that follow English names.
const HAN_POOL: &str = "海康威視數字技術浙江大華科技為台積電緯創家登精密黃方紅陸慷侯永清李文如興商湯曠視訊飛深圳杭州蘇州成都光明天龍鋒宇凱瑞博";

/// Headlines; `{0}`, `{1}`, `{2}` are the short names of the first three roles.
const HEADLINES: &[&str] = &[
    "US weighs blacklisting {0}, widening dragnet beyond {2}",
    "{0} shares slide as Washington weighs sanctions",
    "After {2}, US could blacklist Chinese surveillance firm {0}",
    "Unprecedented sanctions against {0}",
    "{0} says it will comply with applicable laws",
    "US puts {0} and {1} on trade blacklist",
    "{0} and {1} shares slump on blacklist report",
];

/// The chance that a role is cast with a real company: in story folders,
/// and in an archive, where the same companies recur from story to story.
const REAL_CHANCE: f64 = 0.3;
const ARCHIVE_REAL_CHANCE: f64 = 0.8;

/// Factors a figure is scaled by for a story (then jittered by up to ±5%).
const STORY_FACTORS: &[f64] = &[0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0];

/// Factors a figure is scaled by when an article disagrees with its story.
const DISAGREE_FACTORS: &[f64] = &[0.5, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 1.5, 2.0];

/// Share of an article's figures that differ from the story's, chosen per story.
const DISAGREE_RATES: &[f64] = &[0.0, 0.1, 0.2, 0.3];

/// Full month names, and the abbreviations newswire style uses.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_ABBR: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Words whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Co", "Corp", "Inc", "Ltd", "Mr", "Mrs", "Ms", "Dr", "St", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// The command-line arguments.
struct Args {
    /// Target size in units of 1,000,000 bytes.
    mb: f64,
    /// PRNG seed.
    seed: u64,
    /// Output folder (created if missing; must be empty).
    out: PathBuf,
    /// One flat folder of every story's articles, with recurring companies.
    archive: bool,
}

/// What the arguments ask for: a run, or the usage text.
enum Parsed {
    Run(Args),
    Help,
}

fn main() -> ExitCode {
    let parsed = match parse_args(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("gen_corpus: {message} ({USAGE})");
            return ExitCode::from(2);
        }
    };
    let args = match parsed {
        Parsed::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Parsed::Run(args) => args,
    };
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads `--mb N`, `--seed N` (also `--mb=N`), `--archive`, `-h`/`--help`
/// and one OUT_DIR.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut archive = false;
    let mut mb = 10.0;
    let mut seed = 1;
    let mut out = None;
    let mut args = args.peekable();
    let mut only_positional = false;
    while let Some(arg) = args.next() {
        if only_positional || !arg.starts_with('-') || arg == "-" {
            if out.is_some() {
                return Err(format!("unexpected argument {arg:?}: only one OUT_DIR"));
            }
            out = Some(PathBuf::from(arg));
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--" => only_positional = true,
            "--archive" if inline.is_none() => archive = true,
            "--mb" => {
                let text = value("--mb")?;
                mb = text.trim().parse::<f64>().map_err(|_| format!("--mb: not a number: {text:?}"))?;
                if !(mb.is_finite() && mb > 0.0 && mb <= MAX_MB) {
                    return Err(format!("--mb: must be above 0 and at most {MAX_MB}, not {text}"));
                }
            }
            "--seed" => {
                let text = value("--seed")?;
                seed = text.trim().parse::<u64>().map_err(|_| format!("--seed: not a whole number: {text:?}"))?;
            }
            _ => return Err(format!("unknown option {arg:?}")),
        }
    }
    let out = out.ok_or("missing OUT_DIR")?;
    Ok(Parsed::Run(Args { mb, seed, out, archive }))
}

/// Generates the corpus; returns the summary line.
fn run(args: &Args) -> Result<String, String> {
    prepare_out_dir(&args.out)?;
    let seed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seeds = Seeds::load(&seed_dir)?;
    let target = (args.mb * 1e6).ceil() as u64;
    let (mut bytes, mut files, mut stories) = (0u64, 0u64, 0usize);
    // The archive's one `sources.yaml`, written last.
    let mut archive_yaml = String::new();
    while bytes < target {
        stories += 1;
        let story = Story::new(&seeds, args.seed, stories, args.archive);
        let (folder, prefix) = if args.archive {
            (args.out.clone(), format!("s{stories:05}-"))
        } else {
            let folder = args.out.join(format!("story-{stories:05}"));
            std::fs::create_dir(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
            (folder, String::new())
        };
        for (name, text) in story.files(args.seed, &prefix) {
            bytes += text.len() as u64;
            if args.archive && name == "sources.yaml" {
                archive_yaml.push_str(&text);
                continue;
            }
            files += 1;
            write_file(&folder.join(name), &text)?;
        }
    }
    if args.archive {
        files += 1;
        write_file(&args.out.join("sources.yaml"), &archive_yaml)?;
    }
    Ok(format!(
        "gen_corpus: {files} files, {bytes} bytes ({:.1} MB), {stories} stories in {}",
        bytes as f64 / 1e6,
        args.out.display()
    ))
}

/// Creates the output folder, or checks that an existing one is empty (so
/// the result is exactly what these arguments generate).
fn prepare_out_dir(out: &Path) -> Result<(), String> {
    match std::fs::read_dir(out) {
        Ok(mut listing) => {
            if listing.next().is_some() {
                return Err(format!("{} is not empty; give an empty or new folder", out.display()));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
        }
        Err(e) => Err(format!("cannot read {}: {e}", out.display())),
    }
}

/// Writes a whole file through a buffer.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut writer = BufWriter::new(File::create(path).map_err(fail)?);
    writer.write_all(text.as_bytes()).map_err(fail)?;
    writer.flush().map_err(fail)
}

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: a small, fast, fully deterministic PRNG.
struct Rng(u64);

impl Rng {
    /// A generator for one story of one seed.
    fn for_story(seed: u64, story: usize) -> Rng {
        let mut mixer = Rng(seed ^ (story as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(mixer.next_u64())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Seed sentences as templates

/// Which form of a company's name the seed text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The legal name: "Hangzhou Hikvision Digital Technology Co".
    Full,
    /// Without the legal suffix: "Zhejiang Dahua Technology".
    Medium,
    /// The everyday name: "Hikvision".
    Short,
}

/// A figure in a seed sentence.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    decimals: usize,
    commas: bool,
    /// A percentage of at most 100: kept below 100 when scaled.
    capped: bool,
}

/// A piece of a seed sentence.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    /// Role, form, and whether the seed wrote a period after it ("Co.’s").
    Company(usize, Form, bool),
    /// Person index; whether the surname alone is written.
    Person(usize, bool),
    /// A month name: written abbreviated, with a period.
    Month(bool, bool),
    Day(u32),
    Year(i64),
    Number(Num),
    /// A run of this many Han characters.
    Han(usize),
}

/// One seed sentence, split into pieces that a story fills in.
struct Template {
    pieces: Vec<Piece>,
    /// Index of the seed file it comes from.
    file: usize,
}

/// The seed sentences, in file order.
struct Seeds {
    templates: Vec<Template>,
    files: usize,
}

impl Seeds {
    /// Reads `seeds/*.txt` (sorted by name) and splits them into templates.
    fn load(dir: &Path) -> Result<Seeds, String> {
        let listing = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut paths = BTreeSet::new();
        for entry in listing {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                paths.insert(path);
            }
        }
        let parser = TemplateParser::new();
        let mut seen = BTreeSet::new();
        let mut templates = Vec::new();
        for (file, path) in paths.iter().enumerate() {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for line in text.lines() {
                let line = line.trim().trim_start_matches('•').trim();
                for sentence in split_sentences(line) {
                    if sentence.len() >= 30 && ends_sentence(sentence) && seen.insert(sentence.to_string()) {
                        templates.push(Template { pieces: parser.parse(sentence), file });
                    }
                }
            }
        }
        if templates.len() < 20 {
            return Err(format!("too few seed sentences in {} ({})", dir.display(), templates.len()));
        }
        Ok(Seeds { templates, files: paths.len() })
    }
}

/// Whether text ends as a sentence does (a stop, possibly inside quotes).
fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['”', '"', '’', '\'']);
    s.ends_with(['.', '!', '?'])
}

/// Splits a paragraph into sentences: after `.`, `!` or `?` (and closing
/// quotes) followed by a space and a capital letter or opening quote, unless
/// the period ends an abbreviation ("U.S.", "Co.", "Aug.").
fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’' | '\'') {
                j += 1;
            }
            let space = j < chars.len() && chars[j].1 == ' ';
            let next = chars.get(j + 1).map(|&(_, c)| c);
            let capital = next.is_some_and(|n| n.is_uppercase() || n == '“' || n == '"');
            let word = paragraph[start..at].rsplit(' ').next().unwrap_or("");
            let abbreviation = c == '.' && (ABBREVIATIONS.contains(&word) || word.contains('.') || word.len() == 1);
            if space && capital && !abbreviation {
                let end = chars[j].0;
                out.push(paragraph[start..end].trim());
                start = end + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// What a match found in a seed sentence stands for.
#[derive(Clone, Copy)]
enum Found {
    Name,
    Month,
    Number,
    Han,
}

/// The patterns that find the variable parts of seed sentences.
struct TemplateParser {
    names: Regex,
    months: Regex,
    numbers: Regex,
    han: Regex,
}

impl TemplateParser {
    fn new() -> TemplateParser {
        let mut aliases: Vec<&str> =
            COMPANY_ALIASES.iter().map(|a| a.0).chain(PERSON_ALIASES.iter().map(|a| a.0)).collect();
        aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let names = aliases.iter().map(|a| regex::escape(a)).collect::<Vec<_>>().join("|");
        let mut months: Vec<&str> = MONTHS.iter().chain(MONTH_ABBR.iter()).copied().collect();
        months.push("Sept");
        months.sort_by_key(|m| std::cmp::Reverse(m.len()));
        TemplateParser {
            names: Regex::new(&format!(r"\b(?:{names})\b")).expect("static pattern"),
            months: Regex::new(&format!(r"\b(?:{})\b", months.join("|"))).expect("static pattern"),
            numbers: Regex::new(r"\d+(?:,\d{3})*(?:\.\d+)?").expect("static pattern"),
            han: Regex::new(r"\p{Han}+").expect("static pattern"),
        }
    }

    /// Splits a sentence into literal text and the parts a story varies.
    fn parse(&self, s: &str) -> Vec<Piece> {
        let mut found: Vec<(usize, usize, Found)> = Vec::new();
        for m in self.names.find_iter(s) {
            let rest = &s[m.end()..];
            let end = if rest.starts_with(".’") || rest.starts_with(".'") { m.end() + 1 } else { m.end() };
            found.push((m.start(), end, Found::Name));
        }
        for m in self.months.find_iter(s) {
            let abbreviated = !MONTHS.contains(&m.as_str());
            let end = if abbreviated && s[m.end()..].starts_with('.') { m.end() + 1 } else { m.end() };
            found.push((m.start(), end, Found::Month));
        }
        for m in self.numbers.find_iter(s) {
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphabetic) {
                continue;
            }
            found.push((m.start(), m.end(), Found::Number));
        }
        for m in self.han.find_iter(s) {
            found.push((m.start(), m.end(), Found::Han));
        }
        found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut pieces = Vec::new();
        let mut at = 0;
        let mut last_month_end = None;
        for (start, end, kind) in found {
            if start < at {
                continue;
            }
            if start > at {
                pieces.push(Piece::Text(s[at..start].to_string()));
            }
            let text = &s[start..end];
            let piece = match kind {
                Found::Name => name_piece(text),
                Found::Month => {
                    last_month_end = Some(end);
                    let abbreviated = !MONTHS.contains(&text);
                    Piece::Month(abbreviated, text.ends_with('.'))
                }
                Found::Han => Piece::Han(text.chars().count()),
                Found::Number => {
                    let after_month = last_month_end.is_some_and(|e| s[e..start].trim().is_empty());
                    number_piece(text, after_month, &s[end..])
                }
            };
            pieces.push(piece);
            at = end;
        }
        if at < s.len() {
            pieces.push(Piece::Text(s[at..].to_string()));
        }
        pieces
    }
}

/// The piece for a company or person alias.
fn name_piece(text: &str) -> Piece {
    let (name, dot) = text.strip_suffix('.').map_or((text, false), |n| (n, true));
    if let Some(&(_, role, form)) = COMPANY_ALIASES.iter().find(|a| a.0 == name) {
        return Piece::Company(role, form, dot);
    }
    match PERSON_ALIASES.iter().find(|a| a.0 == text) {
        Some(&(_, person, surname, _)) => Piece::Person(person, surname),
        None => Piece::Text(text.to_string()),
    }
}

/// The piece for a digit run: a day after a month, a year, or a figure.
fn number_piece(text: &str, after_month: bool, rest: &str) -> Piece {
    let plain = !text.contains([',', '.']);
    let value: f64 = text.replace(',', "").parse().unwrap_or(0.0);
    if plain && after_month && (1.0..=31.0).contains(&value) {
        return Piece::Day(value as u32);
    }
    if plain && text.len() == 4 && (1900.0..=2039.0).contains(&value) {
        return Piece::Year(value as i64);
    }
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    let percent = rest.starts_with('%') || rest.starts_with(" percent") || rest.starts_with(" per cent");
    Piece::Number(Num { value, decimals, commas: text.contains(','), capped: percent && value <= 100.0 })
}

/// A figure written with the given precision and grouping.
fn format_number(value: f64, decimals: usize, commas: bool) -> String {
    let text = format!("{value:.decimals$}");
    if !commas {
        return text;
    }
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(frac) = frac {
        grouped.push('.');
        grouped.push_str(frac);
    }
    grouped
}

/// A figure's value after scaling: rounded to its precision, at least 1 when
/// it was, and a percentage of at most 100 kept below 100.
fn settle(num: &Num, scaled: f64) -> f64 {
    let mut v = scaled;
    if num.capped && v >= 100.0 {
        v = (num.value * 0.9).clamp(1.0, 99.0);
    }
    if num.decimals == 0 {
        v = v.round();
        if num.value >= 1.0 {
            v = v.max(1.0);
        }
    }
    v
}

// ---------------------------------------------------------------------------
// Stories and articles

/// A company as a story names it.
struct Company {
    full: String,
    medium: String,
    short: String,
}

/// A person as a story names them.
struct Person {
    full: String,
    surname: String,
}

/// A part of a story sentence: fixed text, or a figure articles may vary.
enum Part {
    Text(String),
    Figure { num: Num, value: f64, text: String },
}

/// A seed sentence with the story's names, dates and figures filled in.
struct Sentence {
    parts: Vec<Part>,
    bytes: usize,
    /// Most articles of the story carry it.
    core: bool,
}

/// One story: its cast, date, sentences and articles.
struct Story {
    index: usize,
    /// Days since 1970-01-01 of the first article.
    day: i64,
    companies: Vec<Company>,
    sentences: Vec<Sentence>,
    disagree: f64,
    articles: usize,
}

impl Story {
    /// Story `index` (from 1) of the corpus for `seed`; in an archive, most
    /// roles go to the same few real companies.
    fn new(seeds: &Seeds, seed: u64, index: usize, archive: bool) -> Story {
        let mut rng = Rng::for_story(seed, index);
        let first = days_from_civil(FIRST_YEAR, 1, 1);
        let last = days_from_civil(LAST_YEAR, 12, 31) - 5;
        let day = first + rng.below((last - first + 1) as usize) as i64;
        let (year, month, mday) = civil_from_days(day);
        let companies = cast_companies(&mut rng, if archive { ARCHIVE_REAL_CHANCE } else { REAL_CHANCE });
        let persons: Vec<Person> = (0..PERSONS).map(|p| make_person(&mut rng, p)).collect();
        let disagree = *rng.pick(DISAGREE_RATES);
        let articles = 3 + rng.below(4);

        // Sentence order: the seed files in a story-chosen order, each in its own order.
        let mut order: Vec<usize> = (0..seeds.files).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut chosen: Vec<&Template> = Vec::new();
        for &file in &order {
            chosen.extend(seeds.templates.iter().filter(|t| t.file == file));
        }
        let han: Vec<char> = HAN_POOL.chars().collect();
        let fill = Fill { han: &han, companies: &companies, persons: &persons, year, month, mday };
        let sentences = chosen
            .into_iter()
            .map(|t| {
                let core = rng.chance(0.3);
                fill.sentence(t, core, &mut rng)
            })
            .collect();
        Story { index, day, companies, sentences, disagree, articles }
    }

    /// The story's files: `a1.txt`… (after `prefix`) and `sources.yaml`
    /// describing them, as (name, text).
    fn files(&self, seed: u64, prefix: &str) -> Vec<(String, String)> {
        let mut rng = Rng::for_story(seed ^ 0xA5A5_A5A5_A5A5_A5A5, self.index);
        let mut files = Vec::new();
        let mut yaml = format!("# Generated by gen_corpus (seed {seed}, story {}).\n", self.index);
        for a in 1..=self.articles {
            let name = format!("{prefix}a{a}.txt");
            let (y, m, d) = civil_from_days(self.day + rng.below(5) as i64);
            yaml.push_str(&format!(
                "{name}:\n  outlet: \"{}\"\n  published: {y:04}-{m:02}-{d:02}\n",
                rng.pick(OUTLETS)
            ));
            if rng.chance(0.3) {
                yaml.push_str(&format!("  credits: {}\n", rng.pick(CREDITS)));
            }
            files.push((name, self.article(&mut rng)));
        }
        files.push(("sources.yaml".to_string(), yaml));
        files
    }

    /// One article: a headline, then paragraphs of story sentences, 2–8 KB.
    fn article(&self, rng: &mut Rng) -> String {
        let target = MIN_ARTICLE + rng.below(MAX_ARTICLE - MIN_ARTICLE);
        let mut text = self.headline(rng);
        text.push_str("\n\n");
        let core_bytes: usize = self.sentences.iter().filter(|s| s.core).map(|s| s.bytes + 1).sum();
        let other_bytes: usize = self.sentences.iter().filter(|s| !s.core).map(|s| s.bytes + 1).sum();
        let room = target.saturating_sub(text.len() + core_bytes * 9 / 10) as f64;
        let other_share = (room / other_bytes.max(1) as f64).clamp(0.05, 1.0);
        let one_per_line = rng.chance(0.3);
        let mut used = vec![false; self.sentences.len()];
        let mut in_paragraph = 0;
        let mut paragraph_len = 1 + rng.below(3);
        for pass in 0..2 {
            for (i, sentence) in self.sentences.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let want = pass == 1 || rng.chance(if sentence.core { 0.9 } else { other_share });
                if !want {
                    continue;
                }
                if pass == 1 && text.len() >= MIN_ARTICLE {
                    break;
                }
                let rendered = self.render(sentence, rng);
                let sep = if in_paragraph == 0 { "" } else { " " };
                // The second pass may go past the target, not past the maximum;
                // 2 bytes stay free for the line endings.
                let limit = if pass == 0 { target } else { MAX_ARTICLE - 1 };
                if text.len() + sep.len() + rendered.len() + 2 > limit {
                    continue;
                }
                used[i] = true;
                text.push_str(sep);
                text.push_str(&rendered);
                in_paragraph += 1;
                if one_per_line || in_paragraph >= paragraph_len {
                    text.push_str(if one_per_line { "\n" } else { "\n\n" });
                    in_paragraph = 0;
                    paragraph_len = 1 + rng.below(3);
                }
            }
            if text.len() >= MIN_ARTICLE {
                break;
            }
        }
        if in_paragraph > 0 {
            text.push('\n');
        }
        text
    }

    fn headline(&self, rng: &mut Rng) -> String {
        rng.pick(HEADLINES)
            .replace("{0}", &self.companies[0].short)
            .replace("{1}", &self.companies[1].short)
            .replace("{2}", &self.companies[2].short)
    }

    /// A sentence as one article writes it: each figure the story's, or,
    /// at the story's disagreement rate, a different one.
    fn render(&self, sentence: &Sentence, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(sentence.bytes + 8);
        for part in &sentence.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Figure { num, value, text } => {
                    if self.disagree > 0.0 && rng.chance(self.disagree) {
                        out.push_str(&disagreeing(num, *value, text, rng));
                    } else {
                        out.push_str(text);
                    }
                }
            }
        }
        out
    }
}

/// A figure that differs from the story's `value` (written `text`).
fn disagreeing(num: &Num, value: f64, text: &str, rng: &mut Rng) -> String {
    let scaled = settle(num, value * rng.pick(DISAGREE_FACTORS));
    let mut written = format_number(scaled, num.decimals, num.commas);
    if written == text {
        let step = 0.1f64.powi(num.decimals as i32);
        written = format_number(value + step, num.decimals, num.commas);
    }
    written
}

/// Appends literal text to a sentence's parts.
fn push_text(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Text(last)) => last.push_str(text),
        _ => parts.push(Part::Text(text.to_string())),
    }
}

/// What a story fills seed sentences with.
struct Fill<'a> {
    /// The characters names in Chinese script are made of.
    han: &'a [char],
    companies: &'a [Company],
    persons: &'a [Person],
    year: i64,
    month: u32,
    mday: u32,
}

impl Fill<'_> {
    /// A seed sentence with the story's names, dates and figures.
    fn sentence(&self, template: &Template, core: bool, rng: &mut Rng) -> Sentence {
        let mut parts: Vec<Part> = Vec::new();
        for piece in &template.pieces {
            match piece {
                Piece::Text(t) => push_text(&mut parts, t),
                Piece::Company(role, form, dot) => {
                    let c = &self.companies[*role];
                    let name = match form {
                        Form::Full => &c.full,
                        Form::Medium => &c.medium,
                        Form::Short => &c.short,
                    };
                    push_text(&mut parts, name);
                    if *dot && ["Co", "Corp", "Inc"].iter().any(|s| name.ends_with(s)) {
                        push_text(&mut parts, ".");
                    }
                }
                Piece::Person(p, surname) => {
                    let person = &self.persons[*p];
                    push_text(&mut parts, if *surname { &person.surname } else { &person.full });
                }
                Piece::Month(abbreviated, dot) => {
                    let m = self.month as usize - 1;
                    let name = if *abbreviated { MONTH_ABBR[m] } else { MONTHS[m] };
                    let dot = *dot && *abbreviated && name != MONTHS[m];
                    push_text(&mut parts, name);
                    if dot {
                        push_text(&mut parts, ".");
                    }
                }
                Piece::Day(d) => {
                    let day = (self.mday as i64 - i64::from(d % 3)).max(1);
                    push_text(&mut parts, &day.to_string());
                }
                Piece::Year(y) => {
                    let year = (self.year + (y - 2019)).clamp(1990, 2030);
                    push_text(&mut parts, &year.to_string());
                }
                Piece::Han(n) => {
                    let han: String = (0..*n).map(|_| *rng.pick(self.han)).collect();
                    push_text(&mut parts, &han);
                }
                Piece::Number(num) => {
                    let jitter = 0.95 + 0.1 * rng.unit();
                    let value = settle(num, num.value * rng.pick(STORY_FACTORS) * jitter);
                    let text = format_number(value, num.decimals, num.commas);
                    parts.push(Part::Figure { num: *num, value, text });
                }
            }
        }
        let bytes = parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Figure { text, .. } => text.len(),
            })
            .sum();
        Sentence { parts, bytes, core }
    }
}

/// The companies of a story, one per role: each made up, or (with chance
/// `real`) a real one not already cast.
fn cast_companies(rng: &mut Rng, real: f64) -> Vec<Company> {
    let mut real_left: Vec<usize> = (0..REAL_COMPANIES.len()).collect();
    let mut shorts = BTreeMap::new();
    let mut companies = Vec::with_capacity(ROLES);
    while companies.len() < ROLES {
        let company = if rng.chance(real) && !real_left.is_empty() {
            let (full, medium, short) = REAL_COMPANIES[real_left.remove(rng.below(real_left.len()))];
            Company { full: full.into(), medium: medium.into(), short: short.into() }
        } else {
            let first = *rng.pick(SYLLABLES);
            let short = format!("{}{}", capitalise(first), rng.pick(SYLLABLES));
            let medium = format!("{} {short} {}", rng.pick(CITIES), rng.pick(SECTORS));
            let full = format!("{medium} {}", rng.pick(SUFFIXES));
            Company { full, medium, short }
        };
        if shorts.insert(company.short.clone(), ()).is_none() {
            companies.push(company);
        }
    }
    companies
}

/// A made-up person for the seed person `index`.
fn make_person(rng: &mut Rng, index: usize) -> Person {
    let chinese = PERSON_ALIASES.iter().any(|a| a.1 == index && a.3);
    if chinese {
        let family = rng.pick(CN_FAMILY).to_string();
        Person { full: format!("{family} {}", rng.pick(CN_GIVEN)), surname: family }
    } else {
        let last = rng.pick(WEST_LAST).to_string();
        Person { full: format!("{} {last}", rng.pick(WEST_FIRST)), surname: last }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Calendar (proleptic Gregorian; H. Hinnant's algorithms)

/// Days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
