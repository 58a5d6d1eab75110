"""Synthetic batches with ground truth: `generate(folder, n_filings, seed, profile)`.

Ordinary volume (companies and natural persons with registry data, some filing everyday words that are famous
marks or list terms elsewhere), planted applicants (hoarders, squatters of Olympic, champion, emergency,
public-figure, national-project and famous-mark signs with the disguises of real refusals, about 40 % of them
drawing from a held-out pool no shipped list reaches), rings of 2-40 related applicants, herds, and hard
controls that look suspicious but are legitimate (defensive brands, product lines, a busy agency's clients, an
incubator address, common words, rights holders filing their own signs). Volumes straddle the rule thresholds
and labels follow the legal criteria of the filings (detector.synth.labelling). A score on such a batch proves
the plumbing, not the judgement: see docs/auditing.md, "Synthetic batches".
"""

from detector.synth.generate import generate

__all__ = ["generate"]
