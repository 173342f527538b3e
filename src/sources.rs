//! Which web hosts count as *official* publishers for the corpus: the
//! United Nations, its offices, funds, programmes and specialized agencies,
//! and the WSIS bodies they run. A source on any other host (a document
//! mirror, a blog, a mailing list, a news site) is *secondary*.
//!
//! There is one list, [`OFFICIAL_HOSTS`]; a URL is official when its host is
//! one of these domains or a subdomain of one (`press.un.org` under
//! `un.org`). The host is parsed, not searched for, so `un.org.evil.com`
//! or `evil.com/un.org` never pass.

/// Official domains, each with the reason it is the publisher's own.
/// Subdomains are included (`digitallibrary.un.org`, `groups.itu.int`).
pub const OFFICIAL_HOSTS: &[(&str, &str)] = &[
    // The United Nations itself.
    (
        "un.org",
        "UN Secretariat: press releases, Digital Library, DESA, ECOSOC, HLPF",
    ),
    (
        "undocs.org",
        "UN Official Document System resolver for document symbols",
    ),
    ("unog.ch", "UN Office at Geneva"),
    ("unvienna.org", "UN Office at Vienna (UN Information Service)"),
    ("unmultimedia.org", "UN audiovisual and multimedia library"),
    ("unsceb.org", "UN System Chief Executives Board for Coordination (CEB)"),
    (
        "intgovforum.org",
        "Internet Governance Forum, convened by the UN Secretary-General",
    ),
    (
        "ungis.org",
        "UN Group on the Information Society (UNGIS), the inter-agency group",
    ),
    // Specialized agencies, funds and programmes that facilitate Action Lines
    // or sit in UNGIS.
    (
        "itu.int",
        "International Telecommunication Union, UN specialized agency",
    ),
    (
        "itu-ilibrary.org",
        "ITU iLibrary, ITU's central repository of its publications",
    ),
    ("unctad.org", "UN Conference on Trade and Development, CSTD secretariat"),
    ("unesco.org", "UN Educational, Scientific and Cultural Organization"),
    ("undp.org", "UN Development Programme"),
    ("who.int", "World Health Organization, C7 e-health facilitator"),
    (
        "ilo.org",
        "International Labour Organization, C7 e-employment facilitator",
    ),
    (
        "fao.org",
        "Food and Agriculture Organization, C7 e-agriculture facilitator",
    ),
    (
        "wmo.int",
        "World Meteorological Organization, C7 e-environment facilitator",
    ),
    ("unep.org", "UN Environment Programme, C7 e-environment co-facilitator"),
    ("upu.int", "Universal Postal Union, C7 e-business co-facilitator"),
    (
        "intracen.org",
        "International Trade Centre (UNCTAD/WTO), C7 e-business co-facilitator",
    ),
    ("unido.org", "UN Industrial Development Organization"),
    ("wipo.int", "World Intellectual Property Organization"),
    ("unwomen.org", "UN Women"),
    ("ohchr.org", "Office of the UN High Commissioner for Human Rights"),
    ("unu.edu", "United Nations University"),
    ("unhabitat.org", "UN Human Settlements Programme"),
    ("icao.int", "International Civil Aviation Organization"),
    ("unicef.org", "UN Children's Fund"),
    ("unhcr.org", "UN High Commissioner for Refugees"),
    // The five UN regional commissions.
    (
        "unescap.org",
        "UN Economic and Social Commission for Asia and the Pacific",
    ),
    ("unescwa.org", "UN Economic and Social Commission for Western Asia"),
    ("uneca.org", "UN Economic Commission for Africa"),
    ("unece.org", "UN Economic Commission for Europe"),
    (
        "cepal.org",
        "UN Economic Commission for Latin America and the Caribbean",
    ),
];

/// How the detail pane and `wsis show` mark a source on an official host,
/// and any other (a mirror, a news page: a secondary copy).
pub const OFFICIAL_MARK: &str = "✓";
pub const SECONDARY_MARK: &str = "·";
/// The heading of a source list, saying what the marks mean.
pub const SOURCES_HEADING: &str = "Sources (✓ official publisher, · secondary copy)";

/// The mark of one source.
pub fn mark(url: &str) -> &'static str {
    if is_official(url) {
        OFFICIAL_MARK
    } else {
        SECONDARY_MARK
    }
}

/// True when `url` is an http(s) URL whose host is an official domain or a
/// subdomain of one, and not a mailing list's archive there.
pub fn is_official(url: &str) -> bool {
    let on_official_host = host(url).is_some_and(|host| {
        OFFICIAL_HOSTS
            .iter()
            .any(|(domain, _)| is_same_or_subdomain(&host, domain))
    });
    on_official_host && !is_list_archive(url)
}

/// Path segments of the archives of mailing-list software (Mailman 2 and
/// 3): what is posted there is its members', not the publisher's, even on
/// the publisher's host (`mail.intgovforum.org/pipermail/…`).
const LIST_ARCHIVE_SEGMENTS: &[&str] = &["pipermail", "hyperkitty", "mailman"];

/// Whether `url`'s path runs through a mailing-list archive.
fn is_list_archive(url: &str) -> bool {
    let Some((_, rest)) = url.trim().split_once("://") else {
        return false;
    };
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    path.split('/').skip(1).any(|segment| {
        LIST_ARCHIVE_SEGMENTS
            .iter()
            .any(|archive| segment.eq_ignore_ascii_case(archive))
    })
}

/// The lowercase host name of an http(s) URL, without userinfo, port or a
/// trailing dot; `None` for other schemes, IP literals and malformed hosts.
pub fn host(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    // Browsers end the authority at a backslash too, so "\" must not hide
    // the real host from us.
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_and_port.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_and_port,
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    is_host_name(&host).then_some(host)
}

/// Letters, digits and hyphens in non-empty dot-separated labels: rejects
/// IP literals in brackets, percent-escapes and empty labels.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Whether two links name the same page: alike but for `http` against
/// `https`, or a trailing '/'.
pub fn same_page(first: &str, second: &str) -> bool {
    fn plain(url: &str) -> &str {
        let url = url.trim();
        let url = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(url);
        url.strip_suffix('/').unwrap_or(url)
    }
    plain(first) == plain(second)
}

fn is_same_or_subdomain(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|prefix| prefix.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_at_http_or_with_a_trailing_slash_is_the_same_page() {
        assert!(same_page("https://itu.int/a", "http://itu.int/a"));
        assert!(same_page("https://itu.int/a/", "https://itu.int/a"));
        assert!(!same_page("https://itu.int/a", "https://itu.int/b"));
        assert!(!same_page("https://itu.int/a", "ftp://itu.int/a"));
        assert!(!same_page("https://itu.int/a?x=1", "https://itu.int/a?x=2"));
    }

    #[test]
    fn the_un_and_its_subdomains_are_official() {
        for url in [
            "https://undocs.org/en/A/RES/70/125",
            "https://www.un.org/en/ga/",
            "https://press.un.org/en/2025/ga12746.doc.htm",
            "https://digitallibrary.un.org/record/591211",
            "https://publicadministration.desa.un.org/wsis20",
            "http://unctad.org/en/pages/newsdetails.aspx",
            "https://groups.itu.int/stocktaking",
            "https://www.intgovforum.org/en/dashboard/igf-2023",
        ] {
            assert!(is_official(url), "{url}");
        }
    }

    #[test]
    fn mirrors_blogs_and_lists_are_secondary() {
        for url in [
            "https://studylib.net/doc/10756590/a-e",
            "https://dig.watch/?p=234252",
            "https://lists.icann.org/hyperkitty/list/wsis20@icann.org/",
            "https://etradeforall.org/events/igf-ethiopia-2022/",
        ] {
            assert!(!is_official(url), "{url}");
        }
    }

    #[test]
    fn lookalike_hosts_do_not_pass() {
        for url in [
            "https://un.org.evil.com/",
            "https://evilun.org/",
            "https://evil.com/un.org",
            "https://evil.com/?u=https://un.org",
            "https://evil.com#un.org",
            "https://un.org@evil.com/",
            "https://un.org:443@evil.com/",
            "https://evil.com\\@un.org",
            "https://itu.int.example.net/",
            "https://undocs.org-mirror.net/",
        ] {
            assert!(!is_official(url), "{url}");
        }
    }

    #[test]
    fn userinfo_port_case_and_trailing_dot_are_handled() {
        assert!(is_official("https://reader@www.un.org/en"));
        assert!(is_official("https://www.ITU.int:443/net4/wsis"));
        assert!(is_official("HTTPS://UNDOCS.ORG/en/E/2006/85"));
        assert!(is_official("https://un.org./en"));
        assert_eq!(host("https://a:b@Press.UN.org:8080/x").as_deref(), Some("press.un.org"));
    }

    #[test]
    fn a_mailing_list_archive_on_an_official_host_is_secondary() {
        for archive in [
            "https://mail.intgovforum.org/pipermail/wg-strategy_intgovforum.org/2025-July/001802.html",
            "https://intgovforum.org/pipermail/igfmaglist_intgovforum.org/2015-December/014917.html",
            "https://lists.itu.int/hyperkitty/list/x@itu.int/message/ABC/",
            "https://lists.un.org/Mailman/listinfo/wsis",
        ] {
            assert!(!is_official(archive), "{archive}");
            assert_eq!(mark(archive), SECONDARY_MARK, "{archive}");
        }
        // The word elsewhere than as a path segment is no archive.
        for page in [
            "https://www.intgovforum.org/en/content/pipermail-guide",
            "https://pipermail.un.org/en/content/x",
            "https://www.un.org/en/x?from=pipermail",
        ] {
            assert!(is_official(page), "{page}");
        }
    }

    #[test]
    fn other_schemes_and_malformed_hosts_are_not_official() {
        for url in [
            "ftp://un.org/file",
            "javascript://un.org/%0aalert(1)",
            "un.org/en",
            "//un.org/en",
            "https://",
            "https://[::1]/un.org",
            "https://un.org:http/",
            "https://un..org/",
            "https://un%2eorg/",
            "https://.un.org/",
        ] {
            assert!(!is_official(url), "{url}");
        }
    }
}
