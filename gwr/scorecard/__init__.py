"""The scorecard: offline HTML pages of targets against actuals, per region and year.

`query` reads a warehouse read-only into plain data, `fmt` writes numbers and periods,
`charts` draws SVG, `page` is the HTML shell, `sections` the views of a page, `render` the
pages, `write` puts them in a folder. No Dagster here: the `scorecard` asset and
`gwr scorecard` both call `write_scorecard`.
"""

from gwr.scorecard.write import ScorecardResult, default_out_dir, render_all, write_scorecard

__all__ = ["ScorecardResult", "default_out_dir", "render_all", "write_scorecard"]
