"""Quality checks over the published warehouse (Great Expectations suite: issue 5)."""
