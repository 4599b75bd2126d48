// Package actor finds the actors a news text names and codes them in the
// CAMEO style: "Iran's Defense Minister Mohammad Reza Ashtiani" is one
// mention coded IRNMIL on 10 January 2024; "the Kremlin" is RUSGOV; "his
// Russian counterpart" is Russia with the sector of whoever "his" is.
//
// Dictionaries are text files in dyad's own format (Parse, Write; see
// docs/dictionaries.md), loaded in layers by Load or LoadFS into an
// immutable Dictionary that is safe for concurrent use. The embedded files
// are in package data/actors (actors.Load); ImportPetrarch converts the
// PETRARCH/Phoenix dictionaries into the format.
//
// The stage has two steps, both pure:
//
//   - Dictionary.Match(text, tokens, date) finds mentions leftmost-longest
//     over units of the tokens (case-aware), composes neighbouring matches
//     ("Iranian officials", "Secretary General of the Supreme National
//     Security Council of Iran") and resolves each person's role on date.
//   - Dictionary.Resolve(text, sentences, mentions) links pronouns,
//     definite descriptions, counterparts, surnames and repeated country
//     names to their antecedents by explainable rules.
//
// Every Mention carries byte offsets, token indices, the rule that produced
// it and, when coreferent, the span of its antecedent.
package actor
