"""HMRC's income feed: historic (latest tax year) and RTI current income, matched to
parties by National Insurance number, and the current income check of SI 2012/2677."""
