"""The scorecard: offline HTML pages of targets against actuals, per region and year.

`query` reads a warehouse read-only into plain data, `charts` draws SVG, `render` writes
HTML, `write` puts the pages in a folder. No Dagster here: the `scorecard` asset and
`gwr scorecard` both call `write_scorecard`.
"""

from gwr.scorecard.write import ScorecardResult, default_out_dir, render_all, write_scorecard

__all__ = ["ScorecardResult", "default_out_dir", "render_all", "write_scorecard"]
