"""How many trials a comparison takes: apart from store.compare, so that the browser can
say it without loading the comparison's code (and rapidfuzz) at start."""

MIN_TRIALS = 2
MAX_TRIALS = 6
