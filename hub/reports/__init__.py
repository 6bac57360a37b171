"""The evening's report (issue 16): its figures from the projections, as a page with charts made
on the hub (SVG, the numbers beside them), as a PDF and as JSON."""
