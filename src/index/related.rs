//! Each briefing's related briefings (section 7): up to `RELATED` others,
//! those sharing a deal first, then a company, then a tag; within a tier this
//! language's briefings before untranslated ones of other languages (as every
//! list, section 10), each newest first.
//!
//! Computed here, once per `Site`, rather than lazily while rendering: the
//! lists are plain data (the incremental rebuild of `serve` compares them
//! between builds to know which briefing pages changed), and the cost is
//! small. Candidates come from the inverted lists the index already has
//! (deal → briefings, company → briefings, tag → briefings), each sorted
//! newest first, and only their first few entries are read: a briefing costs
//! O(lists it is on × `RELATED`), never a scan of the site, so 10,000
//! briefings take milliseconds.

use super::site::{BriefingEntry, CompanyEntry, Deal, TagEntry};
use std::collections::{BTreeMap, HashMap};

/// How many related briefings a briefing page shows at most.
pub const RELATED: usize = 5;

/// Fills `related` on every entry. `local(i)`: whether briefing `i` is in
/// the view's language.
pub(super) fn link(
    entries: &mut [BriefingEntry],
    deals: &[Deal],
    deal_positions: &HashMap<String, usize>,
    companies: &BTreeMap<String, CompanyEntry>,
    tags: &BTreeMap<String, TagEntry>,
    local: impl Fn(usize) -> bool + Sync,
) {
    use rayon::prelude::*;
    let related: Vec<Vec<usize>> = (0..entries.len())
        .into_par_iter()
        .map(|i| {
            let entry = &entries[i];
            let deal_lists: Vec<&[usize]> = entry
                .deal_ids
                .iter()
                .filter_map(|id| deal_positions.get(id))
                .map(|&di| deals[di].briefings.as_slice())
                .collect();
            let company_lists: Vec<&[usize]> = entry
                .company_ids
                .iter()
                .filter_map(|id| companies.get(id))
                .map(|c| c.briefings.as_slice())
                .collect();
            let tag_lists: Vec<&[usize]> = entry
                .briefing
                .tags
                .iter()
                .filter_map(|(_, slug)| tags.get(slug))
                .map(|t| t.briefings.as_slice())
                .collect();
            related_of(i, [&deal_lists, &company_lists, &tag_lists], &local)
        })
        .collect();
    for (entry, list) in entries.iter_mut().zip(related) {
        entry.related = list;
    }
}

/// The related briefings of `me` from its tiers of candidate lists (each
/// list ascending: newest first, as briefings are numbered).
fn related_of(me: usize, tiers: [&[&[usize]]; 3], local: &impl Fn(usize) -> bool) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(RELATED);
    for lists in tiers {
        let room = RELATED - chosen.len();
        if room == 0 {
            break;
        }
        // The newest `room` of each list, this language's and others' apart,
        // skipping `me` and briefings an earlier tier took: together they
        // hold the newest `room` of the tier's union.
        let (mut here, mut other) = (Vec::new(), Vec::new());
        for list in lists {
            let (mut h, mut o) = (0, 0);
            for &b in *list {
                // With `room` of this language's from one list, the tier's
                // first `room` are this language's: others are not needed.
                if h >= room {
                    break;
                }
                if b == me || chosen.contains(&b) {
                    continue;
                }
                if local(b) {
                    if h < room {
                        here.push(b);
                        h += 1;
                    }
                } else if o < room {
                    other.push(b);
                    o += 1;
                }
            }
        }
        for group in [&mut here, &mut other] {
            group.sort_unstable();
            group.dedup();
        }
        let take: Vec<usize> = here.into_iter().chain(other).take(room).collect();
        chosen.extend(take);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: usize) -> bool {
        true
    }

    #[test]
    fn tiers_come_in_order_each_newest_first_without_itself() {
        let deals: &[&[usize]] = &[&[3, 7], &[0, 7]];
        let companies: &[&[usize]] = &[&[1, 2, 3, 9]];
        let tags: &[&[usize]] = &[&[1, 4, 5, 6]];
        assert_eq!(
            related_of(7, [deals, companies, tags], &all),
            [0, 3, 1, 2, 9]
        );
        assert_eq!(related_of(9, [&[], companies, tags], &all), [1, 2, 3, 4, 5]);
        assert_eq!(related_of(6, [&[], &[], tags], &all), [1, 4, 5]);
        assert!(related_of(8, [&[], &[], &[&[8]]], &all).is_empty());
    }

    #[test]
    fn untranslated_briefings_come_after_the_languages_own_within_a_tier() {
        let companies: &[&[usize]] = &[&[0, 1, 2, 3]];
        let tags: &[&[usize]] = &[&[4, 5]];
        let local = |b: usize| b != 1;
        assert_eq!(
            related_of(9, [&[], companies, tags], &local),
            [0, 2, 3, 1, 4]
        );
    }

    #[test]
    fn long_lists_are_read_only_as_far_as_needed() {
        let long: Vec<usize> = (0..10_000).collect();
        let tiers: [&[&[usize]]; 3] = [&[&long[..]], &[&long[..]], &[&long[..]]];
        let read = std::cell::Cell::new(0);
        let counted = |_: usize| {
            read.set(read.get() + 1);
            true
        };
        assert_eq!(related_of(2, tiers, &counted), [0, 1, 3, 4, 5]);
        // On a site of one language nothing is foreign: reading on for
        // foreign briefings read every list to its end (50 ms at 10k).
        assert!(read.get() <= RELATED + 1, "read {} entries", read.get());
        // Foreign ones are read only until this language's fill the room.
        read.set(0);
        let odd_foreign = |b: usize| {
            read.set(read.get() + 1);
            b.is_multiple_of(2)
        };
        assert_eq!(related_of(2, tiers, &odd_foreign), [0, 4, 6, 8, 10]);
        assert!(read.get() <= 2 * RELATED + 2, "read {} entries", read.get());
    }
}
