"""Synthetic batches with planted ground truth: `generate(folder, n_filings, seed, profile)`.

Benign volume (companies and natural persons with registry data), planted bad-faith applicants (hoarders,
squatters of Olympic, champion, emergency, public-figure, national-project and famous-mark signs with the
disguises of real refusals), linked clusters that split their volume, and hard controls that look suspicious
but are legitimate (defensive brands, a busy agency's clients, an incubator address, common words, rights
holders filing their own signs).
"""

from detector.synth.generate import generate

__all__ = ["generate"]
