//! The closed vocabulary of relations. Every link reads both ways: the
//! forward label from the item that holds the link, the inverse label from
//! the item it points to ("mandated by E/RES/2006/46").

use serde::{Deserialize, Serialize};

macro_rules! relations {
    ($($variant:ident => $forward:literal, $inverse:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Relation { $($variant),* }

        impl Relation {
            pub const ALL: &'static [Relation] = &[$(Relation::$variant),*];

            /// How the link reads from the item that holds it.
            pub fn forward(self) -> &'static str {
                match self { $(Relation::$variant => $forward),* }
            }

            /// How the link reads from the item it points to.
            pub fn inverse(self) -> &'static str {
                match self { $(Relation::$variant => $inverse),* }
            }

            /// The name used in data files and in `--json` output.
            pub fn name(self) -> &'static str {
                match self { $(Relation::$variant => stringify!($variant)),* }
            }
        }
    };
}

relations! {
    Mandates => "mandates", "mandated by";
    Requests => "requests", "requested by";
    Endorses => "endorses", "endorsed by";
    Establishes => "establishes", "established by";
    Convenes => "convenes", "convened by";
    Extends => "extends the mandate of", "mandate extended by";
    Reviews => "reviews", "reviewed by";
    Responds => "responds to", "answered by";
    Reaffirms => "reaffirms", "reaffirmed by";
    Recalls => "recalls", "recalled by";
    AdoptedBy => "adopted by", "adopts";
    AdoptedAt => "adopted at", "adopted";
    FacilitatedBy => "facilitated by", "facilitates";
    CoFacilitatedBy => "co-facilitated by", "co-facilitates";
    ReportsTo => "reports to", "receives reports from";
    ConsideredBy => "considered by", "considers";
    FeedsInto => "feeds into", "draws on";
    PartOf => "part of", "has part";
    MemberOf => "member of", "has member";
    HostedBy => "hosted by", "hosts";
    OrganizedBy => "organized by", "organizes";
    ChairedBy => "chaired by", "chairs";
    Succeeds => "succeeds", "succeeded by";
    AlignsWith => "aligns with", "aligns with";
    RelatedTo => "related to", "related to";
}

/// How much a relation says about how two items connect, strongest first:
/// paths prefer the stronger of routes that are otherwise as short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// One item directs, answers or carries on the other: the mandate and
    /// follow-up chain ("mandates", "responds to", "reports to").
    Mandate,
    /// The process around a document: who adopted, facilitated, hosted or
    /// fed into it, what it is part of.
    Process,
    /// A mention: recalled, reaffirmed, aligned or merely related.
    Reference,
}

impl Relation {
    /// How strong a tie this relation is (see [`Strength`]).
    pub fn strength(self) -> Strength {
        use Relation::*;
        match self {
            Mandates | Requests | Endorses | Establishes | Convenes | Extends | Reviews | Responds | ReportsTo
            | ConsideredBy | Succeeds => Strength::Mandate,
            AdoptedBy | AdoptedAt | FacilitatedBy | CoFacilitatedBy | FeedsInto | PartOf | MemberOf | HostedBy
            | OrganizedBy | ChairedBy => Strength::Process,
            Reaffirms | Recalls | AlignsWith | RelatedTo => Strength::Reference,
        }
    }

    /// Symmetric relations read the same both ways.
    pub fn is_symmetric(self) -> bool {
        self.forward() == self.inverse()
    }

    pub fn from_name(name: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// Most steps taken up a chain of `PartOf` links (data may loop): a
/// citation looks past the Action Lines for the document they are in.
pub const MAX_PART_OF_STEPS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_labels_are_distinct() {
        for &rel in Relation::ALL {
            assert_eq!(Relation::from_name(rel.name()), Some(rel));
            let others = Relation::ALL.iter().filter(|r| **r != rel);
            for other in others {
                assert_ne!(rel.forward(), other.forward(), "{rel:?} and {other:?} read alike");
            }
        }
        assert!(Relation::AlignsWith.is_symmetric());
        assert!(!Relation::Mandates.is_symmetric());
    }

    #[test]
    fn mandates_are_stronger_than_mentions() {
        assert!(Relation::Mandates.strength() < Relation::AdoptedBy.strength());
        assert!(Relation::Responds.strength() < Relation::Recalls.strength());
        assert!(Relation::FeedsInto.strength() < Relation::RelatedTo.strength());
    }
}
