//! The judged query set and how a ranking is scored against it, shared by
//! the relevance test and the side-by-side comparison with fzf and BM25.

use wsis_browser::data::{Dataset, ItemIdx, Relation};
use wsis_browser::search::fold::fold;

/// A query and the items a person typing it wants, by id.
pub struct Judged {
    pub query: &'static str,
    pub wanted: &'static [&'static str],
}

const fn q(query: &'static str, wanted: &'static [&'static str]) -> Judged {
    Judged { query, wanted }
}

/// Written from the data: symbols, ids and acronyms, content words, typos,
/// accents and other folded forms, years, several words.
pub const JUDGED: &[Judged] = &[
    // Symbols, whole or in part.
    q("70/125", &["ga-70-125"]),
    q("2006/46", &["ecosoc-2006-46"]),
    q("A/RES/80/173", &["ga-80-173"]),
    q("a/res/70", &["ga-70-125", "ga-70-184"]),
    q("E/2011/77", &["sg-report-2011"]),
    q("a/60/687", &["sg-note-a-60-687"]),
    // Acronyms and names.
    q("igf", &["igf"]),
    q("gdc", &["gdc"]),
    q("ungis", &["ungis"]),
    q("cstd", &["cstd"]),
    q("itu", &["itu"]),
    q("wsis forum", &["wsis-forum"]),
    q("tunis agenda", &["tunis-agenda"]),
    q("geneva plan of action", &["geneva-plan-of-action"]),
    q("digital compact", &["gdc"]),
    q("pact for the future", &["ga-79-1"]),
    // Content words.
    // The outcome documents' gender paragraphs before sessions that name it.
    q("gender", &["tunis-commitment", "ga-70-125", "geneva-plan-of-action"]),
    q("women", &["tunis-commitment", "ga-70-125", "geneva-plan-of-action"]),
    q("financing", &["wsis20-financing-task-force"]),
    q("financing task force", &["wsis20-financing-task-force"]),
    q("spam", &["al-c5", "tunis-agenda"]),
    q("internet governance", &["igf"]),
    q("enhanced cooperation", &["cstd-wgec", "tunis-agenda-paras-69-71"]),
    q("who e-health", &["al-c7-e-health"]),
    q("e-agriculture", &["al-c7-e-agriculture"]),
    q("capacity building", &["al-c4"]),
    q("cultural diversity", &["al-c8"]),
    q("ethical dimensions", &["al-c10"]),
    q("stocktaking", &["wsis-stocktaking"]),
    q("artificial intelligence scientific panel", &["ai-scientific-panel"]),
    q("zero draft", &["wsis20-zero-draft"]),
    q("elements paper", &["wsis20-elements-paper"]),
    q("permanent forum", &["wsis20-igf-permanent"]),
    q("biennial report", &["wsis20-biennial-reporting"]),
    q("plenipotentiary", &["itu-pp-res-140"]),
    q("kyoto", &["igf-2023"]),
    // Folding: accents, special letters, case, fullwidth forms.
    q("joao", &["igf-2015"]),
    q("JOÃO PESSOA", &["igf-2015"]),
    q("lillestrom", &["igf-2025"]),
    q("Lillestrøm", &["igf-2025"]),
    q("ＩＧＦ", &["igf"]),
    // Typos.
    q("e-goverment", &["al-c7-e-government"]),
    q("stoktaking", &["wsis-stocktaking"]),
    q("telecomunication union", &["itu"]),
    q("plenipotentary", &["itu-pp-res-140"]),
    q("geneva declaraton", &["geneva-declaration"]),
    q("ecsoc", &["ecosoc"]),
    // Years.
    q("igf 2013", &["igf-2013"]),
    q("wsis forum 2019", &["wsis-forum-2019"]),
    q("ict for development resolution 2013", &["ga-68-198"]),
    q("secretary-general report 2013", &["sg-report-2013"]),
    // Several words.
    q("outcome document wsis+10", &["ga-70-125"]),
    // A word only the category's name has; a main document's own name.
    q("resolution 70/125", &["ga-70-125"]),
    q("ecosoc resolution 2006/46", &["ecosoc-2006-46"]),
    q("tunis", &["tunis-agenda"]),
    q("high-level meeting wsis+20", &["wsis20-hlm"]),
    // A number is never a typo: "wsis+20" is not "wsis+10".
    q("wsis+20 review", &["wsis20-review"]),
    // A new user's trial: a joined word typed in parts, a common word
    // with a category's, a symbol as it is typed, a letter of a joined word.
    q("wsis 10", &["ga-70-125"]),
    q("wsis report", &["sg-report-2020"]),
    // The CSTD's own report, above SG reports merely tagged "cstd".
    q("cstd report", &["cstd-20-year-report"]),
    q("70/12", &["ga-70-125"]),
    q("e health", &["al-c7-e-health"]),
    // A delegate's words for the overall reviews: the resolutions the
    // Assembly adopted, before their drafts and the texts that mention
    // them; a draft only when the query names one ("zero draft" above).
    q("wsis+20 outcome", &["ga-80-173"]),
    q("wsis+20 resolution", &["ga-80-173", "ga-79-277"]),
    // 79/277, whose title no source gave, comes 4th (the relevance test).
    q("wsis+20 review resolution", &["ga-80-173"]),
    q("wsis+20 modalities", &["ga-79-277"]),
    q("overall review resolution", &["ga-80-173", "ga-70-125"]),
    q("wsis+10 review", &["ga-70-125"]),
    q("high-level meeting wsis", &["wsis20-hlm", "ga-80-173"]),
];

/// Relations whose targets name who made or hosts an item: their names
/// count as the item's words, as a reader sees them in its detail.
const BODY_RELATIONS: &[Relation] = &[
    Relation::AdoptedBy,
    Relation::FacilitatedBy,
    Relation::CoFacilitatedBy,
    Relation::OrganizedBy,
    Relation::HostedBy,
    Relation::ChairedBy,
    Relation::PartOf,
];

/// Every word of an item a reader can see: its fields and the names of
/// the bodies behind it, folded, split at anything but letters and digits.
pub fn item_words(data: &Dataset, idx: ItemIdx) -> Vec<String> {
    let item = data.item(idx);
    let mut texts: Vec<&str> = vec![&item.id, &item.title, &item.summary];
    texts.extend(item.symbol.as_deref());
    texts.extend(item.short_title.as_deref());
    texts.extend(item.date.as_deref());
    texts.extend(item.body.as_deref());
    texts.extend(item.points.iter().map(|point| point.as_str()));
    texts.extend(item.tags.iter().map(|tag| tag.as_str()));
    for (link, target) in data.links(idx) {
        if BODY_RELATIONS.contains(&link.rel) {
            texts.push(data.item(target).label());
            texts.extend(data.item(target).tags.iter().map(|tag| tag.as_str()));
        }
    }
    let mut words = Vec::new();
    for text in texts {
        let folded = fold(text);
        words.push(folded.clone());
        words.extend(
            folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    words
}

/// Whether `word` (folded) names a word of the item: exactly, as a prefix,
/// within the typos search allows (one from 5 letters, two from 9), or,
/// for a symbol, as a piece of one. Scattered letters never count.
pub fn contains_word(words: &[String], word: &str) -> bool {
    let typos = match word.chars().count() {
        n if n >= 9 => 2,
        n if n >= 5 => 1,
        _ => 0,
    };
    words.iter().any(|w| {
        w.starts_with(word)
            || (word.contains('/') && w.contains(word))
            || (typos > 0 && strsim::osa_distance(w, word) <= typos)
    })
}

/// The words of a query as the judge reads them.
pub fn query_words(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A hit "unexplained": the item contains none of the query's words.
pub fn unexplained(data: &Dataset, idx: ItemIdx, query: &str) -> bool {
    let words = item_words(data, idx);
    !query_words(query).iter().any(|w| contains_word(&words, w))
}

/// How one system did on the judged set.
#[derive(Debug, Default)]
pub struct Scores {
    /// Mean reciprocal rank of the first wanted item within the top 10.
    pub mrr: f64,
    /// Share of queries with every wanted item in the top 3.
    pub success_at_3: f64,
    /// Share of top-10 hits (over all queries) that contain no query word.
    pub unexplained: f64,
    /// The queries that missed the top 3, with their top 3.
    pub misses: Vec<String>,
}

/// Scores `rank`, which gives the ranked item ids for a query.
pub fn score(data: &Dataset, rank: &dyn Fn(&str) -> Vec<String>) -> Scores {
    let mut scores = Scores::default();
    let (mut shown, mut unexplained_hits) = (0, 0);
    for judged in JUDGED {
        let ranked = rank(judged.query);
        let top10 = &ranked[..ranked.len().min(10)];
        let first = top10.iter().position(|id| judged.wanted.contains(&id.as_str()));
        scores.mrr += first.map_or(0.0, |at| 1.0 / float(at + 1));
        let top3 = &top10[..top10.len().min(3)];
        if judged.wanted.iter().all(|w| top3.iter().any(|id| id == w)) {
            scores.success_at_3 += 1.0;
        } else {
            scores.misses.push(format!(
                "{:?}: wanted {:?}, top 3 {:?}",
                judged.query, judged.wanted, top3
            ));
        }
        for id in top10 {
            shown += 1;
            let idx = data.by_id(id).expect("ranked ids exist");
            if unexplained(data, idx, judged.query) {
                unexplained_hits += 1;
            }
        }
    }
    let n = float(JUDGED.len());
    scores.mrr /= n;
    scores.success_at_3 /= n;
    scores.unexplained = f64::from(unexplained_hits) / f64::from(shown.max(1));
    scores
}

/// A count as a float; counts here are far below 2^32.
fn float(count: usize) -> f64 {
    f64::from(u32::try_from(count).expect("a small count"))
}
